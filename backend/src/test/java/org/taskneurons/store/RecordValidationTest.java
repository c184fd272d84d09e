package org.taskneurons.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid values are refused when a record is built, with a message that names the field and quotes the value. */
class RecordValidationTest {

    private static final String INPUT = "{}";

    static Stream<Arguments> invalidRecords() {
        TaskDraft ok = TaskDraft.of("a", "train", INPUT);
        return Stream.of(
                invalid("blank key", () -> TaskDraft.of(" ", "train", INPUT), "key must not be blank: ' '"),
                invalid("null kind", () -> TaskDraft.of("a", null, INPUT), "kind must not be null"),
                invalid("long kind", () -> TaskDraft.of("a", "k".repeat(65), INPUT), "kind longer than 64"),
                invalid("zero attempts", () -> ok.withMaxAttempts(0), "maxAttempts out of range [1, 100]: 0"),
                invalid("input not JSON", () -> TaskDraft.of("a", "train", "{\"x\":"), "inputJson is not JSON"),
                invalid("depends on itself", () -> ok.withDependsOn("a"), "task 'a' depends on itself"),
                invalid("repeated dependency", () -> TaskDraft.of("b", "train", INPUT).withDependsOn("a", "a"),
                        "repeats a key"),
                invalid("blank name", () -> new ExperimentDraft("", "{}", List.of(ok)), "name must not be blank"),
                invalid("spec not JSON", () -> new ExperimentDraft("e", "spec", List.of(ok)), "specJson is not JSON: 'spec'"),
                invalid("no tasks", () -> new ExperimentDraft("e", "{}", List.of()), "tasks must not be empty"),
                invalid("duplicate key", () -> new ExperimentDraft("e", "{}", List.of(ok, ok)), "task key used twice: 'a'"),
                invalid("unknown dependency",
                        () -> new ExperimentDraft("e", "{}", List.of(ok, TaskDraft.of("b", "train", INPUT).withDependsOn("z"))),
                        "task 'b' depends on unknown task key 'z'"),
                invalid("cycle", () -> new ExperimentDraft("e", "{}", List.of(
                                TaskDraft.of("a", "t", INPUT).withDependsOn("c"),
                                TaskDraft.of("b", "t", INPUT).withDependsOn("a"),
                                TaskDraft.of("c", "t", INPUT).withDependsOn("b"))),
                        "dependency cycle through task"),
                invalid("blank worker", () -> LeaseRequest.of("", true), "worker must not be blank"),
                invalid("zero lease", () -> new LeaseRequest("w", false, Duration.ZERO), "duration out of range [1 ms, 1 h]: PT0S"),
                invalid("day-long lease", () -> new LeaseRequest("w", false, Duration.ofDays(1)), "duration out of range"),
                invalid("negative offset", () -> new Page(-1, 10), "offset out of range [0, 2147483647]: -1"),
                invalid("huge page", () -> new Page(0, 5000), "limit out of range [1, 1000]: 5000"),
                invalid("NaN progress", () -> new ProgressPoint("t", "loss", 1, Double.NaN), "y must be finite: NaN"),
                invalid("infinite epoch", () -> new ProgressPoint("t", "loss", Double.POSITIVE_INFINITY, 1), "x must be finite"),
                invalid("blank series", () -> new ProgressPoint("t", "", 1, 1), "series must not be blank"),
                invalid("negative count", () -> new TaskCounts(Map.of(TaskState.DONE, -1L)), "count of DONE is negative: -1"),
                invalid("neither H2 nor PostgreSQL", () -> StoreConfig.postgres("mysql://db/x"), "neither postgresql:// nor"),
                invalid("pool too large", () -> StoreConfig.postgres("postgresql://db/x").withMaxPoolSize(0),
                        "maxPoolSize out of range [1, 100]: 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRecords")
    void invalidValuesAreRejectedNamingTheField(String situation, ThrowingCallable build, String message) {
        assertThatThrownBy(build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void draftsCopyTheirListsSoLaterChangesCannotReachTheStore() {
        List<String> dependencies = new ArrayList<>(List.of("a"));
        TaskDraft task = new TaskDraft("b", "train", false, 3, INPUT, dependencies, null);
        dependencies.add("c");
        assertThat(task.dependsOn()).containsExactly("a");
    }

    @Test
    void countsFillInStatesWithoutTasksAndKnowWhenEverythingFinished() {
        TaskCounts running = new TaskCounts(Map.of(TaskState.DONE, 2L, TaskState.RUNNING, 1L));
        TaskCounts finished = new TaskCounts(Map.of(TaskState.DONE, 2L, TaskState.CANCELLED, 1L));
        assertThat(running.count(TaskState.QUEUED)).isZero();
        assertThat(running.total()).isEqualTo(3);
        assertThat(running.isFinished()).isFalse();
        assertThat(finished.isFinished()).isTrue();
        assertThat(TaskCounts.none().isFinished()).as("no tasks is not finished").isFalse();
    }

    private static Arguments invalid(String situation, Supplier<?> build, String message) {
        ThrowingCallable callable = build::get;
        return Arguments.of(situation, callable, message);
    }
}
