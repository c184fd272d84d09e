package org.taskneurons.experiment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.taskneurons.choice.Choice;

/**
 * Reads experiment specs from JSON or YAML text. Unknown fields, wrong types and malformed
 * text are {@link SpecException}s naming the field path ({@code datasets[0].tagret}) or the
 * line and column.
 */
public final class SpecReader {
    private static final ObjectMapper JSON = configure(new ObjectMapper());
    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

    private SpecReader() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(ChoiceJson.module())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /** The mapper that writes specs back in the same naming (snake_case). */
    public static ObjectMapper json() {
        return JSON;
    }

    /** A spec file: YAML for {@code .yaml}/{@code .yml}, JSON otherwise. */
    public static ExperimentSpec read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        return parse(Files.readString(file), yaml);
    }

    /** Spec text; {@code yaml} chooses the syntax (JSON is also valid YAML, but errors read better as JSON). */
    public static ExperimentSpec parse(String text, boolean yaml) {
        if (text.isBlank()) {
            throw SpecException.of("(spec)", "empty spec");
        }
        try {
            ExperimentSpec spec = (yaml ? YAML : JSON).readValue(text, ExperimentSpec.class);
            if (spec == null) {
                throw SpecException.of("(spec)", "empty spec");
            }
            return spec;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw SpecException.of(path(e), "unknown field (known: " + known + ")");
        } catch (JsonMappingException e) {
            throw SpecException.of(path(e), reason(e));
        } catch (JsonProcessingException e) {
            throw SpecException.of("(spec)", "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            }
        }
        return path.length() == 0 ? "(spec)" : path.toString();
    }

    /**
     * The cause's message for a rejected value; for a value of the wrong kind, what was expected
     * and what was given in the spec's words (Jackson's own message names Java types); else
     * Jackson's message without its source excerpt.
     */
    private static String reason(JsonMappingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        if (e.getOriginalMessage().startsWith("Trailing token")) {
            return "more text after the spec's end";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + expected(mismatch.getTargetType()) + given(mismatch);
        }
        String message = e.getOriginalMessage();
        int cut = message.indexOf(" at [Source");
        return cut > 0 ? message.substring(0, cut) : message;
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Choice.class.isAssignableFrom(type)) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(choice -> ((Choice) choice).label())
                    .collect(Collectors.joining(", "));
        }
        return "a mapping of fields";
    }

    /** What the spec holds where the mismatch was found, as ", not …", or nothing when it cannot be told. */
    private static String given(MismatchedInputException e) {
        if (e instanceof InvalidFormatException invalid) {
            return ", not '" + invalid.getValue() + "'";
        }
        if (!(e.getProcessor() instanceof JsonParser parser) || parser.currentToken() == null) {
            return "";
        }
        try {
            return switch (parser.currentToken()) {
                case START_ARRAY -> ", not a list";
                case START_OBJECT -> ", not a mapping";
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                        parser.getText().isEmpty() ? "" : ", not '" + parser.getText() + "'";
                default -> "";
            };
        } catch (IOException unreadable) {
            return "";
        }
    }
}
