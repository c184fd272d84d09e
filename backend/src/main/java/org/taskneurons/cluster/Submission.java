package org.taskneurons.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.PlannedTask;
import org.taskneurons.experiment.SearchPlan;
import org.taskneurons.experiment.SpecException;
import org.taskneurons.experiment.SpecReader;
import org.taskneurons.experiment.SpecValidation;
import org.taskneurons.experiment.TaskGraph;
import org.taskneurons.experiment.Violation;
import org.taskneurons.store.ExperimentDraft;
import org.taskneurons.store.TaskDraft;

/**
 * Reads a submit (or validate) request into the experiment to store: a spec as an object
 * ({@code spec}) or as text ({@code specText} with {@code format} yaml or json), validated
 * against the node's data roots and expanded into its task graph; or the benchmark form
 * {@code noop: {tasks, sleepMs, name}} of independent tasks that do nothing. Anything wrong is
 * a {@link SpecException} naming the field; parsing touches the file system (data roots), so
 * it runs off the event loop.
 */
final class Submission {
    /** Most noop tasks one request may create. */
    static final int MAX_NOOP_TASKS = SpecValidation.MAX_TASKS;
    private static final Set<String> FIELDS = Set.of("v", "spec", "specText", "format", "name", "noop");
    private static final Set<String> NOOP_FIELDS = Set.of("tasks", "sleepMs", "name");
    private static final long MAX_SLEEP_MS = 3_600_000;

    private Submission() {
    }

    static ExperimentDraft draft(JsonObject request, List<Path> dataRoots, int maxAttempts) {
        requireKnown(request, FIELDS, "");
        String name = optionalName(request, "name");
        if (request.containsKey("noop")) {
            return noop(request, name, maxAttempts);
        }
        ExperimentSpec spec = SpecValidation.requireValid(rename(spec(request), name), dataRoots);
        List<TaskDraft> tasks = new ArrayList<>();
        List<PlannedTask> planned = spec.search() == null ? TaskGraph.of(spec) : SearchPlan.of(spec).discoveries();
        // One bundle key per data set, model and structure, however many seeds share it.
        Map<List<Object>, Optional<String>> bundleKeys = new HashMap<>();
        for (PlannedTask task : planned) {
            String bundleKey = bundleKeys.computeIfAbsent(Arrays.asList(task.kind(), task.dataset(), task.model(),
                    task.structure()), group -> Optional.ofNullable(TaskInput.bundleKey(spec, task))).orElse(null);
            tasks.add(new TaskDraft(task.key(), TaskInput.kind(task).label(), false, maxAttempts, TaskInput.of(task),
                    task.dependsOn(), bundleKey));
        }
        if (spec.search() != null) {
            SearchPlan.of(spec).initial().forEach(task -> tasks.add(SearchGrowth.draft(task, null, maxAttempts)));
        }
        return new ExperimentDraft(spec.name() == null || spec.name().isBlank() ? "experiment" : spec.name(), write(spec),
                tasks);
    }

    /**
     * How many tasks {@link #draft} would store for the request, checked as it checks them but
     * without building a task.
     */
    static long taskCount(JsonObject request, List<Path> dataRoots) {
        requireKnown(request, FIELDS, "");
        String name = optionalName(request, "name");
        if (request.containsKey("noop")) {
            return NoopRequest.of(request, name).tasks();
        }
        return TaskGraph.size(SpecValidation.requireValid(rename(spec(request), name), dataRoots));
    }

    /** The spec as stored (snake_case, defaults filled in), read back. */
    static ExperimentSpec stored(String specJson) {
        return SpecReader.parse(specJson, false);
    }

    /** Whether a stored experiment is a noop benchmark (it has no spec to report on). */
    static boolean isNoop(String specJson) {
        return new JsonObject(specJson).containsKey("noop");
    }

    private static ExperimentSpec spec(JsonObject request) {
        Object spec = request.getValue("spec");
        Object text = request.getValue("specText");
        if (spec == null && text == null) {
            throw SpecException.of("spec", "give the spec as 'spec' (an object) or 'specText' (text)");
        }
        if (spec != null && text != null) {
            throw SpecException.of("spec", "give either 'spec' or 'specText', not both");
        }
        if (spec != null) {
            if (!(spec instanceof JsonObject object)) {
                throw SpecException.of("spec", "must be an object");
            }
            return SpecReader.parse(object.encode(), false);
        }
        if (!(text instanceof String specText)) {
            throw SpecException.of("specText", "must be text");
        }
        Object format = request.getValue("format", "yaml");
        if (!(format instanceof String formatName)
                || !Set.of("yaml", "json").contains(formatName.toLowerCase(Locale.ROOT))) {
            throw SpecException.of("format", "must be yaml or json: '" + format + "'");
        }
        return SpecReader.parse(specText, formatName.equalsIgnoreCase("yaml"));
    }

    private static ExperimentSpec rename(ExperimentSpec spec, String name) {
        return name == null ? spec : new ExperimentSpec(spec.version(), name, spec.datasets(), spec.discovery(),
                spec.models(), spec.structures(), spec.training(), spec.seeds(), spec.split(), spec.search());
    }

    private static ExperimentDraft noop(JsonObject request, String name, int maxAttempts) {
        NoopRequest noop = NoopRequest.of(request, name);
        List<TaskDraft> tasks = new ArrayList<>();
        for (int i = 0; i < noop.tasks(); i++) {
            tasks.add(new TaskDraft("noop/" + i, TaskKind.NOOP.label(), false, maxAttempts,
                    TaskInput.noop(noop.sleepMs()), List.of(), null));
        }
        JsonObject stored = new JsonObject().put("noop", new JsonObject().put("tasks", noop.tasks())
                .put("sleepMs", noop.sleepMs()));
        return new ExperimentDraft(noop.name(), stored.encode(), tasks);
    }

    /** The benchmark form {@code noop: {tasks, sleepMs, name}}, checked. */
    private record NoopRequest(long tasks, long sleepMs, String name) {
        static NoopRequest of(JsonObject request, String name) {
            if (!(request.getValue("noop") instanceof JsonObject noop)) {
                throw SpecException.of("noop", "must be an object {tasks, sleepMs, name}");
            }
            requireKnown(noop, NOOP_FIELDS, "noop.");
            long count = number(noop, "tasks", 1, MAX_NOOP_TASKS, null);
            long sleepMs = number(noop, "sleepMs", 0, MAX_SLEEP_MS, 0L);
            String noopName = name != null ? name : optionalName(noop, "noop.name");
            return new NoopRequest(count, sleepMs, noopName != null ? noopName : "noop-" + count);
        }
    }

    private static long number(JsonObject json, String field, long min, long max, Long otherwise) {
        Object value = json.getValue(field);
        if (value == null && otherwise != null) {
            return otherwise;
        }
        if (!(value instanceof Number number) || number.doubleValue() != number.longValue()) {
            throw SpecException.of("noop." + field, "must be a whole number: " + value);
        }
        if (number.longValue() < min || number.longValue() > max) {
            throw SpecException.of("noop." + field, "out of range [" + min + ", " + max + "]: " + value);
        }
        return number.longValue();
    }

    private static String optionalName(JsonObject json, String field) {
        String key = field.substring(field.lastIndexOf('.') + 1);
        Object value = json.getValue(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank() || text.length() > ExperimentDraft.MAX_NAME_LENGTH) {
            throw SpecException.of(field, "must be text of 1 to " + ExperimentDraft.MAX_NAME_LENGTH + " characters");
        }
        if (SpecValidation.hasControlCharacter(text)) {
            throw SpecException.of(field, "contains a control character (NUL, tab, line break, ...)");
        }
        return text;
    }

    private static void requireKnown(JsonObject json, Set<String> known, String prefix) {
        List<Violation> unknown = json.fieldNames().stream().filter(field -> !known.contains(field)).sorted()
                .map(field -> new Violation(prefix + field, "unknown field (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")"))
                .toList();
        if (!unknown.isEmpty()) {
            throw new SpecException(unknown);
        }
    }

    private static String write(ExperimentSpec spec) {
        try {
            return SpecReader.json().writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
