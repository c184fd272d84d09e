package org.taskneurons.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResultsCsvTest {

    @Test
    void oneRowPerResultWithFlattenedFieldsInTheOrderFirstSeen() {
        JsonArray results = new JsonArray()
                .add(result("t1", "discover/no1", "discover", new JsonObject().put("formula", "6·Σx², fitted").put("trainMse", 0.5)))
                .add(result("t2", "train/no1/task-based/2/1", "train", new JsonObject().put("seed", 1)
                        .put("widths", new JsonArray().add(2)).put("testMetrics", new JsonObject().put("mse", -0.25))));
        String[] lines = ResultsCsv.of(results).split("\r\n");
        assertThat(lines).containsExactly(
                "task_id,key,kind,dataset,worker,attempt,recorded_at,formula,trainMse,seed,widths,testMetrics.mse",
                "t1,discover/no1,discover,no1,w1,1,2026-01-01T00:00:00Z,\"6·Σx², fitted\",0.5,,,",
                "t2,train/no1/task-based/2/1,train,no1,w1,1,2026-01-01T00:00:00Z,,,1,[2],-0.25");
    }

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
                Arguments.of("@SUM(A1)", "'@SUM(A1)"),
                Arguments.of("-1.5e-3", "-1.5e-3"),
                Arguments.of("-x + 1", "'-x + 1"),
                Arguments.of("plain", "plain"));
    }

    @ParameterizedTest
    @MethodSource("cells")
    void cellsThatASpreadsheetWouldRunAreDefused(String value, String cell) {
        JsonArray results = new JsonArray().add(result("t", "discover/d", "discover", new JsonObject().put("formula", value)));
        assertThat(ResultsCsv.of(results).split("\r\n")[1]).endsWith("," + cell);
    }

    /** The data set comes whole from the result, not from cutting the key at its slashes. */
    @Test
    void aDataSetNameWithSlashesStaysWholeAndDefused() {
        String name = "=HYPERLINK(\"http://x\")";
        JsonObject result = result("t", "discover/" + name, "discover", new JsonObject()).put("dataset", name);
        String row = ResultsCsv.of(new JsonArray().add(result)).split("\r\n")[1];
        assertThat(row.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")[3]).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
    }

    private static JsonObject result(String id, String key, String kind, JsonObject fields) {
        return new JsonObject().put("taskId", id).put("key", key).put("kind", kind).put("dataset", key.split("/")[1])
                .put("worker", "w1").put("attempt", 1)
                .put("recordedAt", "2026-01-01T00:00:00Z").put("result", fields);
    }
}
