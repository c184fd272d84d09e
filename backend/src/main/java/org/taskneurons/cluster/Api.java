package org.taskneurons.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.taskneurons.experiment.Aggregation;
import org.taskneurons.experiment.ResultJson;
import org.taskneurons.experiment.SpecException;
import org.taskneurons.store.ExperimentSummary;
import org.taskneurons.store.Page;
import org.taskneurons.store.ProgressSummary;
import org.taskneurons.store.Result;
import org.taskneurons.store.Store;
import org.taskneurons.store.Task;
import org.taskneurons.store.TaskState;

/**
 * The answers to {@code tn.api.*}: JSON objects in, JSON objects out (the bridges pass them
 * through as they are). A request that cannot be served fails with an HTTP-like code and a
 * JSON text {@code {"error", "violations"}}: 400 for an invalid request or spec (violations
 * name the fields), 404 for an unknown id, 503 when the store fails. Confined to the
 * coordinator's context; parsing and aggregation run on worker threads.
 */
final class Api {
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    private static final int DEFAULT_LIMIT = 100;

    private final Vertx vertx;
    private final NodeConfig config;
    private final Store store;
    private final Events events;
    private final NodeRegistry nodes;

    Api(Vertx vertx, NodeConfig config, Store store, Events events, NodeRegistry nodes) {
        this.vertx = vertx;
        this.config = config;
        this.store = store;
        this.events = events;
        this.nodes = nodes;
    }

    List<MessageConsumer<?>> register(EventBus bus) {
        Map<String, Function<JsonObject, Future<JsonObject>>> handlers = new LinkedHashMap<>();
        handlers.put(Addresses.API_SUBMIT, this::submit);
        handlers.put(Addresses.API_VALIDATE, this::validate);
        handlers.put(Addresses.API_EXPERIMENTS, this::experiments);
        handlers.put(Addresses.API_EXPERIMENT, this::experiment);
        handlers.put(Addresses.API_CANCEL, this::cancel);
        handlers.put(Addresses.API_DELETE, this::delete);
        handlers.put(Addresses.API_TASKS, this::tasks);
        handlers.put(Addresses.API_RESULTS, this::results);
        handlers.put(Addresses.API_REPORT, this::report);
        handlers.put(Addresses.API_PROGRESS, this::progress);
        handlers.put(Addresses.API_TRIALS, this::trials);
        handlers.put(Addresses.API_NODES, request -> Future.succeededFuture(reply().put("nodes", nodes.toJson())));
        List<MessageConsumer<?>> consumers = new ArrayList<>();
        handlers.forEach((address, handler) -> consumers.add(bus.consumer(address, message -> answer(message, handler))));
        return consumers;
    }

    private void answer(Message<Object> message, Function<JsonObject, Future<JsonObject>> handler) {
        if (!(message.body() instanceof JsonObject request)) {
            message.fail(400, ApiJson.error("the request must be a JSON object", List.of()));
            return;
        }
        Future<JsonObject> answer;
        try {
            answer = handler.apply(request);
        } catch (RuntimeException e) {
            answer = Future.failedFuture(e);
        }
        answer.onSuccess(message::reply).onFailure(e -> fail(message, e));
    }

    private static void fail(Message<?> message, Throwable e) {
        if (e instanceof SpecException invalid) {
            message.fail(400, ApiJson.error("invalid: " + invalid.getMessage(), invalid.violations()));
        } else if (e instanceof NoSuchElementException unknown) {
            message.fail(404, ApiJson.error(unknown.getMessage(), List.of()));
        } else if (e instanceof IllegalArgumentException invalid) {
            message.fail(400, ApiJson.error(invalid.getMessage(), List.of()));
        } else {
            // The cause (an SQL state, a path, a class) stays in the coordinator's log: clients learn only
            // that the request failed.
            LOG.warn("request on {} failed", message.address(), e);
            message.fail(503, ApiJson.error("the coordinator could not answer " + message.address()
                    + "; it is logged there, and the request may be sent again", List.of()));
        }
    }

    private Future<JsonObject> submit(JsonObject request) {
        return vertx.executeBlocking(() -> Submission.draft(request, config.dataRoots(), config.maxAttempts()))
                .compose(store::submit)
                .map(summary -> {
                    events.experimentChanged(summary.id());
                    if (summary.tasks().count(TaskState.QUEUED) > 0) {
                        events.workQueued();
                    }
                    return reply().put("experiment", ApiJson.summary(summary));
                });
    }

    private Future<JsonObject> validate(JsonObject request) {
        return vertx.executeBlocking(() -> Submission.taskCount(request, config.dataRoots()))
                .map(tasks -> reply().put("valid", true).put("tasks", tasks));
    }

    private Future<JsonObject> experiments(JsonObject request) {
        return store.experiments(page(request)).map(list -> reply()
                .put("experiments", new JsonArray(list.stream().map(ApiJson::summary).toList())));
    }

    private Future<JsonObject> experiment(JsonObject request) {
        return store.experiment(id(request)).compose(summary -> reportOf(summary)
                .map(report -> reply().put("experiment", ApiJson.summary(summary))
                        .put("spec", new JsonObject(summary.experiment().specJson())).put("report", report)));
    }

    private Future<JsonObject> cancel(JsonObject request) {
        return store.cancel(id(request)).map(summary -> {
            events.experimentChanged(summary.id());
            return reply().put("experiment", ApiJson.summary(summary));
        });
    }

    private Future<JsonObject> delete(JsonObject request) {
        String id = id(request);
        return store.delete(id).map(deleted -> {
            events.deleted(id);
            return reply().put("deleted", id);
        });
    }

    private Future<JsonObject> tasks(JsonObject request) {
        String id = id(request);
        Page page = page(request);
        return store.experiment(id).compose(summary -> store.tasks(id, page).map(tasks -> reply()
                .put("tasks", new JsonArray(tasks.stream().map(ApiJson::task).toList()))
                .put("total", summary.tasks().total())));
    }

    private Future<JsonObject> results(JsonObject request) {
        String id = id(request);
        return allTasks(id).compose(tasks -> store.results(id).map(results -> reply()
                .put("results", new JsonArray(results.stream()
                        .map(result -> ApiJson.result(result, tasks.get(result.taskId()))).toList()))));
    }

    /** A search's trials, a page at a time, and its best configurations (see {@link SearchTrials}). */
    private Future<JsonObject> trials(JsonObject request) {
        String id = id(request);
        Page page = page(request);
        return store.experiment(id).compose(summary -> allTasks(id).compose(tasks -> store.results(id)
                .compose(results -> vertx.executeBlocking(() -> SearchTrials.of(id, summary.experiment().specJson(),
                        tasks.values(), results, page)))));
    }

    private Future<JsonObject> report(JsonObject request) {
        return store.experiment(id(request)).compose(this::reportOf).map(report -> reply().put("report", report));
    }

    /**
     * The live curves as the store summarized them, except where a finished training stored
     * its whole curve with its result: that one replaces the live series of the same name.
     */
    private Future<JsonObject> progress(JsonObject request) {
        String id = id(request);
        return allTasks(id).compose(tasks -> store.progress(id).compose(curves -> store.results(id).map(results -> {
            Map<String, JsonObject> stored = new LinkedHashMap<>();
            results.forEach(result -> stored.put(result.taskId(), new JsonObject(result.resultJson()).getJsonObject("curves")));
            JsonArray answer = new JsonArray();
            for (ProgressSummary curve : curves) {
                JsonObject whole = stored.get(curve.taskId());
                if (whole == null || !whole.containsKey(curve.series())) {
                    answer.add(curve(curve.taskId(), tasks.get(curve.taskId()), curve.series(), livePoints(curve)));
                }
            }
            stored.forEach((taskId, whole) -> {
                if (whole != null) {
                    whole.fieldNames().forEach(series -> answer.add(curve(taskId, tasks.get(taskId), series,
                            whole.getJsonArray(series))));
                }
            });
            return reply().put("curves", answer);
        })));
    }

    private static JsonArray livePoints(ProgressSummary curve) {
        JsonArray points = new JsonArray();
        curve.points().forEach(point -> points.add(new JsonArray().add(point.x()).add(point.y())));
        return points;
    }

    private static JsonObject curve(String taskId, Task task, String series, JsonArray points) {
        return new JsonObject().put("taskId", taskId).put("key", task == null ? null : task.key())
                .put("series", series).put("points", points);
    }

    /**
     * The report aggregated from the stored results (partial while tasks run); null for a
     * noop experiment, which has none.
     */
    private Future<JsonObject> reportOf(ExperimentSummary summary) {
        String specJson = summary.experiment().specJson();
        if (Submission.isNoop(specJson)) {
            return Future.succeededFuture(null);
        }
        return allTasks(summary.id()).compose(tasks -> store.results(summary.id())
                .compose(results -> vertx.executeBlocking(() -> aggregate(specJson, tasks, results))));
    }

    private static JsonObject aggregate(String specJson, Map<String, Task> tasks, List<Result> results) {
        Map<String, String> resultsByKey = new LinkedHashMap<>();
        results.forEach(result -> resultsByKey.put(tasks.get(result.taskId()).key(), result.resultJson()));
        Map<String, String> errorsByKey = new LinkedHashMap<>();
        tasks.values().stream().filter(task -> task.state() == TaskState.FAILED)
                .forEach(task -> errorsByKey.put(task.key(), task.error().orElse("failed")));
        return new JsonObject(ResultJson.report(Aggregation.ofResults(Submission.stored(specJson), resultsByKey,
                errorsByKey)));
    }

    private Future<Map<String, Task>> allTasks(String experimentId) {
        return StoredTasks.all(store, experimentId);
    }

    private static JsonObject reply() {
        return Wire.message();
    }

    private static String id(JsonObject request) {
        Object id = request.getValue("id");
        if (!(id instanceof String text) || text.isBlank()) {
            throw SpecException.of("id", "an experiment id is required");
        }
        return text;
    }

    private static Page page(JsonObject request) {
        return new Page(whole(request, "offset", 0, Integer.MAX_VALUE, 0),
                whole(request, "limit", 1, Page.MAX_LIMIT, DEFAULT_LIMIT));
    }

    private static int whole(JsonObject request, String field, int min, int max, int otherwise) {
        Object value = request.getValue(field);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof Number number) || number.doubleValue() != number.longValue()
                || number.longValue() < min || number.longValue() > max) {
            throw SpecException.of(field, "must be a whole number in [" + min + ", " + max + "]: " + value);
        }
        return number.intValue();
    }
}
