package org.taskneurons.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A worker's result and failure share one header, and still travel as the flat objects they always were. */
class AttemptReportsTest {
    private static final AttemptHeader HEADER = new AttemptHeader("t1", "e1", "train/a", "train", "node-1/0a1b2c3d", 2, 1500);

    private static JsonObject flat(String field, String value) {
        return new JsonObject().put("v", Addresses.VERSION).put("taskId", "t1").put("experimentId", "e1")
                .put("key", "train/a").put("kind", "train").put("worker", "node-1/0a1b2c3d").put("attempt", 2)
                .put("elapsedMs", 1500L).put(field, value);
    }

    @Test
    void eachReportIsTheFlatObjectOfBefore() {
        sameOnTheWire(TaskCompletion.class, new TaskCompletion(HEADER, "{\"answer\":42}"), flat("resultJson", "{\"answer\":42}"),
                TaskCompletion::toJson, TaskCompletion::fromJson);
        sameOnTheWire(TaskFailure.class, new TaskFailure(HEADER, "java.lang.IllegalStateException: diverged"),
                flat("error", "java.lang.IllegalStateException: diverged"), TaskFailure::toJson, TaskFailure::fromJson);
    }

    /** {@code message} is written as {@code wire}, read back from it, and crosses the registered codec unchanged. */
    private static <T> void sameOnTheWire(Class<T> type, T message, JsonObject wire, Function<T, JsonObject> write,
            Function<JsonObject, T> read) {
        assertThat(write.apply(message)).as("written").isEqualTo(wire);
        assertThat(read.apply(wire)).as("read").isEqualTo(message);
        assertThat(throughTheCodec(type, message)).as("through the codec").isEqualTo(message);
    }

    @Test
    void aReportWithoutItsTaskOrOfAnotherVersionIsRefused() {
        JsonObject noTask = flat("error", "x");
        noTask.remove("taskId");
        assertThatThrownBy(() -> TaskFailure.fromJson(noTask)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message field 'taskId' is missing");
        assertThatThrownBy(() -> TaskCompletion.fromJson(flat("resultJson", "{}").put("v", 99)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("completion message of unsupported version 99");
    }

    @SuppressWarnings("unchecked")
    private static <T> T throughTheCodec(Class<T> type, T message) {
        WireCodec<T> codec = (WireCodec<T>) WireCodec.all().stream()
                .filter(candidate -> candidate.name().equals("tn." + type.getSimpleName() + ".v" + Addresses.VERSION))
                .findFirst().orElseThrow();
        Buffer wire = Buffer.buffer();
        codec.encodeToWire(wire, message);
        return codec.decodeFromWire(0, wire);
    }
}
