package org.taskneurons.experiment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.taskneurons.choice.Choice;

/**
 * Jackson reads and writes every {@link Choice} enum by its label ({@code "rmsprop"}, not
 * {@code "RMSPROP"}); a label that names no choice fails with {@link Choice#of}'s message, which
 * {@link SpecReader} reports with the field's path.
 */
final class ChoiceJson {
    private ChoiceJson() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("choices");
        module.addSerializer(Choice.class, new LabelWriter());
        module.setDeserializers(new SimpleDeserializers() {
            private static final long serialVersionUID = 1L;

            @Override
            public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
                    BeanDescription description) {
                return Choice.class.isAssignableFrom(type) ? new LabelReader(type) : null;
            }
        });
        return module;
    }

    private static final class LabelWriter extends StdSerializer<Choice> {
        private static final long serialVersionUID = 1L;

        LabelWriter() {
            super(Choice.class);
        }

        @Override
        public void serialize(Choice value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(value.label());
        }
    }

    private static final class LabelReader extends StdScalarDeserializer<Object> {
        private static final long serialVersionUID = 1L;

        LabelReader(Class<?> type) {
            super(type);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.currentToken().isScalarValue()) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            try {
                return of(handledType(), parser.getText());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(parser, e.getMessage(), e);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object of(Class<?> type, String label) {
            return Choice.of((Class) type, label);
        }
    }
}
