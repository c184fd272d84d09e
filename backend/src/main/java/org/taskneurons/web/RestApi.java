package org.taskneurons.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.taskneurons.cluster.Addresses;

/**
 * The REST API under {@code /api}: each call becomes one request on a {@code tn.api.*} address
 * (see {@link Addresses}), and the coordinator's answer is the response body ({@code v}
 * included) except where noted. Mutating calls (POST, DELETE) need the bearer token when one
 * is required.
 *
 * <pre>
 * POST   /experiments            spec as JSON, or YAML (Content-Type application/yaml or text/yaml); ?name= renames
 *                                  → 201, the experiment's summary; Location: /api/experiments/ID
 * POST   /experiments/validate   same body → {v, valid, tasks}
 * GET    /experiments?offset&amp;limit
 * GET    /experiments/:id        → {v, experiment, spec, report}
 * POST   /experiments/:id/cancel → {v, experiment}
 * DELETE /experiments/:id        → 204
 * GET    /experiments/:id/tasks?offset&amp;limit, /results, /results.csv (text/csv), /report, /progress
 * GET    /experiments/:id/trials?offset&amp;limit  → {v, experiment, total, trials, best} (a search's trials by rung)
 * GET    /nodes
 * GET    /config                 → {tokenRequired, grafanaUrl, version, mode, node} (answered here)
 * POST   /uploads?name=FILE      raw body → 201 {path}
 * </pre>
 */
final class RestApi {
    private static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");
    private static final Set<String> JSON_TYPES = Set.of("application/json", "text/json");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final int MAX_NAME = 200;
    /** The benchmark submission {@code {"v": 1, "noop": {...}}} (see the contract of {@code tn.api.submit}). */
    private static final Set<String> NOOP_KEYS = Set.of("v", "noop");

    private final CoordinatorCalls coordinator;
    private final WebConfig config;
    private final AccessToken token;
    private final Uploads uploads;

    private RestApi(Vertx vertx, CoordinatorCalls coordinator, WebConfig config, AccessToken token) {
        this.coordinator = coordinator;
        this.config = config;
        this.token = token;
        this.uploads = new Uploads(vertx, config.dataRoots().get(0), config.uploadLimit());
    }

    /** The API's router, to mount at {@code /api/*}. */
    static Router router(Vertx vertx, CoordinatorCalls coordinator, WebConfig config, AccessToken token) {
        return new RestApi(vertx, coordinator, config, token).routes(vertx);
    }

    private Router routes(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().method(HttpMethod.POST).method(HttpMethod.DELETE).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .handler(this::requireToken);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.bodyLimit());
        router.post("/experiments").handler(body).handler(this::submit);
        router.post("/experiments/validate").handler(body).handler(this::validate);
        router.get("/experiments").handler(ctx -> answer(ctx, Addresses.API_EXPERIMENTS, paged(ctx, new JsonObject())));
        router.get("/experiments/:id").handler(ctx -> answer(ctx, Addresses.API_EXPERIMENT, byId(ctx)));
        router.post("/experiments/:id/cancel").handler(ctx -> answer(ctx, Addresses.API_CANCEL, byId(ctx)));
        router.delete("/experiments/:id").handler(this::delete);
        router.get("/experiments/:id/tasks").handler(ctx -> answer(ctx, Addresses.API_TASKS, paged(ctx, byId(ctx))));
        router.get("/experiments/:id/results").handler(ctx -> answer(ctx, Addresses.API_RESULTS, byId(ctx)));
        router.get("/experiments/:id/results.csv").handler(this::resultsCsv);
        router.get("/experiments/:id/report").handler(ctx -> answer(ctx, Addresses.API_REPORT, byId(ctx)));
        router.get("/experiments/:id/progress").handler(ctx -> answer(ctx, Addresses.API_PROGRESS, byId(ctx)));
        router.get("/experiments/:id/trials").handler(ctx -> answer(ctx, Addresses.API_TRIALS, paged(ctx, byId(ctx))));
        router.get("/nodes").handler(ctx -> answer(ctx, Addresses.API_NODES, new JsonObject()));
        router.get("/config").handler(this::config);
        router.post("/uploads").handler(uploads::handle);
        return router;
    }

    private void requireToken(RoutingContext ctx) {
        if (!token.admitsBearer(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            throw HttpFailure.of(401, "unauthorized: this call needs the server's token as 'Authorization: Bearer TOKEN'");
        }
        ctx.next();
    }

    private void submit(RoutingContext ctx) {
        coordinator.request(Addresses.API_SUBMIT, specRequest(ctx))
                .onSuccess(reply -> {
                    JsonObject experiment = reply.getJsonObject("experiment");
                    if (experiment != null && experiment.getValue("id") != null) {
                        ctx.response().putHeader(HttpHeaders.LOCATION, "/api/experiments/" + experiment.getValue("id"));
                    }
                    ctx.response().setStatusCode(201);
                    ctx.json(experiment == null ? reply : experiment);
                })
                .onFailure(ctx::fail);
    }

    private void validate(RoutingContext ctx) {
        answer(ctx, Addresses.API_VALIDATE, specRequest(ctx));
    }

    private void delete(RoutingContext ctx) {
        coordinator.request(Addresses.API_DELETE, byId(ctx))
                .onSuccess(reply -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private void resultsCsv(RoutingContext ctx) {
        JsonObject request = byId(ctx);
        coordinator.request(Addresses.API_RESULTS, request)
                .onSuccess(reply -> {
                    JsonArray results = reply.getJsonArray("results", new JsonArray());
                    ctx.response()
                            .putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                            .putHeader("Content-Disposition", "attachment; filename=\"" + request.getString("id") + "-results.csv\"")
                            .end(ResultsCsv.of(results));
                })
                .onFailure(ctx::fail);
    }

    private void config(RoutingContext ctx) {
        String version = RestApi.class.getPackage().getImplementationVersion();
        ctx.json(new JsonObject()
                .put("tokenRequired", token.required())
                .put("grafanaUrl", config.grafanaUrl())
                .put("version", version == null ? "development build" : version)
                .put("mode", config.mode())
                .put("node", config.nodeName()));
    }

    /** Sends {@code request} to {@code address} and answers with the reply as it is. */
    private void answer(RoutingContext ctx, String address, JsonObject request) {
        Future<JsonObject> reply = coordinator.request(address, request);
        reply.onSuccess(ctx::json).onFailure(ctx::fail);
    }

    /**
     * The submit/validate request for the body: YAML goes as text, JSON as an object (the
     * {@code noop} benchmark form as it is). Malformed JSON is refused here, with where it breaks.
     */
    private static JsonObject specRequest(RoutingContext ctx) {
        if (ctx.body().isEmpty()) {
            throw HttpFailure.of(400, "empty body: send the spec as JSON (application/json) or YAML (application/yaml)");
        }
        String type = mediaType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        JsonObject request;
        if (YAML_TYPES.contains(type)) {
            request = new JsonObject().put("specText", ctx.body().asString("UTF-8")).put("format", "yaml");
        } else if (type == null || JSON_TYPES.contains(type) || type.endsWith("+json")) {
            JsonObject spec = jsonObject(ctx.body().asString("UTF-8"));
            request = spec.containsKey("noop") && NOOP_KEYS.containsAll(spec.fieldNames())
                    ? new JsonObject().put("noop", spec.getValue("noop"))
                    : new JsonObject().put("spec", spec);
        } else {
            throw HttpFailure.of(415, "unsupported Content-Type '" + type
                    + "': send the spec as application/json or application/yaml");
        }
        List<String> names = ctx.queryParam("name");
        if (!names.isEmpty()) {
            String name = names.get(0);
            if (name.isBlank() || name.length() > MAX_NAME) {
                throw HttpFailure.violation("name", "must be 1 to " + MAX_NAME + " characters");
            }
            request.put("name", name);
        }
        return request;
    }

    private static JsonObject jsonObject(String text) {
        Object parsed;
        try {
            parsed = Json.decodeValue(text);
        } catch (DecodeException e) {
            throw HttpFailure.of(400, "malformed JSON: " + reason(e));
        }
        if (!(parsed instanceof JsonObject object)) {
            throw HttpFailure.of(400, "the spec must be a JSON object, not " + (parsed instanceof JsonArray ? "a list"
                    : parsed instanceof String ? "text" : parsed instanceof Number ? "a number" : String.valueOf(parsed)));
        }
        return object;
    }

    /** Jackson's reason with the line and column but without the echo of the source. */
    private static String reason(DecodeException e) {
        String message = String.valueOf(e.getMessage()).replaceFirst("^Failed to decode:\\s*", "");
        return message.replaceAll("\\(String\\)\"(?s).*?\"; ", "").replaceAll("\\s+", " ").trim();
    }

    private static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim().toLowerCase(Locale.ROOT);
    }

    private static JsonObject byId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id == null || !ID.matcher(id).matches()) {
            throw HttpFailure.violation("id", "not an experiment id: '" + (id == null ? "" : id.length() > 40 ? id.substring(0, 40) + "..." : id) + "'");
        }
        return new JsonObject().put("id", id);
    }

    private static JsonObject paged(RoutingContext ctx, JsonObject request) {
        for (String name : List.of("offset", "limit")) {
            List<String> values = ctx.queryParam(name);
            if (values.isEmpty()) {
                continue;
            }
            String value = values.get(0);
            if (!value.matches("\\d{1,9}")) {
                throw HttpFailure.violation(name, "not a whole number ≥ 0: '" + (value.length() > 20 ? value.substring(0, 20) + "..." : value) + "'");
            }
            request.put(name, Integer.parseInt(value));
        }
        return request;
    }
}
