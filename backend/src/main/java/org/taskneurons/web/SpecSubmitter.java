package org.taskneurons.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.taskneurons.cluster.Addresses;

/**
 * Submits a spec file the way {@code POST /api/experiments} does (one {@code tn.api.submit}
 * request with the file's text), for {@code serve --submit}.
 */
public final class SpecSubmitter {
    private SpecSubmitter() {
    }

    /**
     * The stored experiment's summary. A refusal fails with an {@link IllegalArgumentException}
     * whose message is the coordinator's error and every violation ({@code field: message}).
     */
    public static Future<JsonObject> submit(Vertx vertx, Path specFile, Duration timeout) {
        String name = specFile.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".yaml") || name.endsWith(".yml") ? "yaml" : "json";
        return vertx.fileSystem().readFile(specFile.toString())
                .compose(text -> new CoordinatorCalls(vertx, timeout).request(Addresses.API_SUBMIT,
                        new JsonObject().put("specText", text.toString()).put("format", format)))
                .map(reply -> reply.getJsonObject("experiment"))
                .recover(failure -> Future.failedFuture(failure instanceof HttpFailure refusal
                        ? new IllegalArgumentException(specFile + ": " + describe(refusal.body()))
                        : failure));
    }

    private static String describe(JsonObject error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getString("error")));
        JsonArray violations = error.getJsonArray("violations");
        if (violations != null) {
            for (Object entry : violations) {
                if (entry instanceof JsonObject violation) {
                    text.append(System.lineSeparator()).append("  ").append(violation.getString("field")).append(": ")
                            .append(violation.getString("message"));
                }
            }
        }
        return text.toString();
    }
}
