package org.taskneurons.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's HTTP server and TCP event-bus bridge. Every node serves {@code /health} and
 * {@code /metrics}; a node that serves the API (standalone, coordinator) also serves
 * {@code /api} ({@link RestApi}), the SockJS bridge at {@code /eventbus}, the dashboard from
 * the classpath's {@code webroot/} at {@code /}, its libraries from the WebJars at
 * {@code /webjars/}, and the TCP bridge ({@link TcpBridge}). Every error is JSON:
 * {@code {"error": "...", "violations": [{"field", "message"}]}}.
 */
public final class WebServer {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    /** WebJar paths carry their version, so a browser may keep them. */
    private static final long WEBJAR_MAX_AGE_SECONDS = 7 * 24 * 3600;
    /** What a client learns of an unexpected failure; the exception goes to the log only. */
    static final String INTERNAL_ERROR = "internal error: the server's log has the details";

    private final HttpServer http;
    /** Null when this node serves no TCP bridge. */
    private final TcpBridge bridge;

    private WebServer(HttpServer http, TcpBridge bridge) {
        this.http = http;
        this.bridge = bridge;
    }

    /** Starts listening; {@code registry} null leaves out {@code /metrics}. */
    public static Future<WebServer> start(Vertx vertx, WebConfig config, PrometheusMeterRegistry registry) {
        Router router = router(vertx, config, registry);
        HttpServer http = vertx.createHttpServer(new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setCompressionSupported(true));
        return http.requestHandler(router).listen()
                .recover(failure -> Future.failedFuture(cannotListen("HTTP", config.host(), config.port(), failure)))
                .compose(listening -> startBridge(vertx, config)
                        .map(bridge -> new WebServer(http, bridge))
                        .recover(failure -> http.close().transform(closed -> Future.failedFuture(failure))));
    }

    /** The HTTP port listened on. */
    public int port() {
        return http.actualPort();
    }

    /** The TCP bridge's port, or {@value WebConfig#BRIDGE_OFF} when there is none. */
    public int bridgePort() {
        return bridge == null ? WebConfig.BRIDGE_OFF : bridge.port();
    }

    public Future<Void> close() {
        return Future.join(http.close(), bridge == null ? Future.succeededFuture() : bridge.close()).mapEmpty();
    }

    private static Router router(Vertx vertx, WebConfig config, PrometheusMeterRegistry registry) {
        Router router = Router.router(vertx);
        OriginPolicy origins = new OriginPolicy(config);
        CoordinatorCalls coordinator = new CoordinatorCalls(vertx, config.apiTimeout());
        router.route().handler(WebServer::securityHeaders);
        router.route().handler(origins::requireKnownHost);
        router.get("/health").handler(new Health(coordinator, config)::handle);
        if (registry != null) {
            router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
        }
        if (config.servesApi()) {
            AccessToken token = AccessToken.of(config);
            Router api = RestApi.router(vertx, coordinator, config, token);
            api.route().order(-1).handler(ctx -> origins.requireSameOrigin(ctx, false));
            router.route("/api/*").subRouter(api);
            Router sockJs = EventBusBridges.sockJs(vertx, token);
            sockJs.route().order(-1).handler(ctx -> origins.requireSameOrigin(ctx, true));
            // The XHR fallback (xhr_send) reads its frames from the request body.
            sockJs.post().order(-1).handler(BodyHandler.create(false).setBodyLimit(config.bodyLimit()));
            router.route("/eventbus/*").subRouter(sockJs);
            router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars")
                    .setMaxAgeSeconds(WEBJAR_MAX_AGE_SECONDS));
            // The dashboard's own files change with each release; browsers revalidate them.
            router.route("/*").handler(StaticHandler.create("webroot").setMaxAgeSeconds(0));
        }
        router.route().last().handler(ctx -> ctx.fail(HttpFailure.of(404, "no such resource: " + ctx.request().path())));
        router.route().failureHandler(ctx -> failure(ctx, config));
        return router;
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "SAMEORIGIN")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    /** Every failure as a JSON error body, in words for the client (never the name of an exception). */
    private static void failure(RoutingContext ctx, WebConfig config) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        Throwable failure = ctx.failure();
        HttpFailure answer;
        if (failure instanceof HttpFailure known) {
            answer = known;
        } else if (ctx.statusCode() == 413) {
            answer = HttpFailure.of(413, "request body larger than the limit of " + config.bodyLimit() + " bytes");
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            answer = HttpFailure.of(ctx.statusCode(), HttpResponseStatus.valueOf(ctx.statusCode()).reasonPhrase().toLowerCase());
        } else {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
            answer = HttpFailure.of(500, INTERNAL_ERROR);
        }
        if (answer.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"taskneurons\"");
        }
        JsonObject body = answer.body();
        response.setStatusCode(answer.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
    }

    /** The TCP bridge, or null when this node serves none. */
    private static Future<TcpBridge> startBridge(Vertx vertx, WebConfig config) {
        if (!config.servesApi() || config.bridgePort() == WebConfig.BRIDGE_OFF) {
            return Future.succeededFuture();
        }
        return TcpBridge.listen(vertx, config)
                .recover(failure -> Future.failedFuture(cannotListen("the TCP bridge", config.host(), config.bridgePort(), failure)));
    }

    private static UncheckedIOException cannotListen(String what, String host, int port, Throwable cause) {
        return new UncheckedIOException(new IOException("cannot listen for " + what + " on " + host + ":" + port + ": "
                + cause.getMessage(), cause));
    }
}
