package org.taskneurons.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.cluster.Addresses;
import org.taskneurons.testing.JavaNames;

/**
 * The server's defences on a real HTTP server and real bridges, without a coordinator (the
 * requests they refuse never reach one; where a call must get through, a consumer on the
 * address stands in and records what arrived).
 */
@ExtendWith(VertxExtension.class)
class WebSecurityTest {
    static final String TOKEN = "test-token-0123456789abcdef";

    @TempDir
    Path dataRoot;

    Vertx vertx;
    WebServer server;
    WebClient client;

    @BeforeEach
    void start(Vertx vertx) {
        this.vertx = vertx;
        WebConfig config = WebConfig.local(List.of(dataRoot)).withPorts(0, 0).withToken(TOKEN).withLimits(4096, 10_000);
        server = WebServer.start(vertx, config, null).await();
        // A fresh connection per request: SockJS may close a polled connection after its answer,
        // and a pooled connection reused in that moment fails with "Connection was closed".
        client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close().await();
    }

    private HttpRequest<Buffer> post(String path) {
        return client.post(server.port(), "127.0.0.1", path);
    }

    private HttpRequest<Buffer> get(String path) {
        return client.get(server.port(), "127.0.0.1", path);
    }

    static Stream<Arguments> refusedRequests() {
        String big = "{\"name\": \"" + "x".repeat(5000) + "\"}";
        return Stream.of(
                Arguments.of("malformed JSON", "application/json", "{\"name\": ", 400, "malformed JSON"),
                Arguments.of("a JSON array", "application/json", "[1, 2]", 400, "must be a JSON object"),
                Arguments.of("an empty body", "application/json", "", 400, "empty body"),
                Arguments.of("a form", "application/x-www-form-urlencoded", "name=x", 415, "unsupported Content-Type"),
                Arguments.of("a body over the limit", "application/json", big, 413, "larger than the limit of 4096 bytes"));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("refusedRequests")
    void badSubmissionsAreRefusedWithAJsonError(String what, String type, String body, int status, String error) {
        for (String path : List.of("/api/experiments", "/api/experiments/validate")) {
            HttpResponse<Buffer> response = post(path).bearerTokenAuthentication(TOKEN).putHeader("Content-Type", type)
                    .sendBuffer(Buffer.buffer(body)).await();
            assertThat(response.statusCode()).as(path).isEqualTo(status);
            assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
            assertThat(response.bodyAsJsonObject().getString("error")).contains(error);
        }
    }

    @Test
    void mutatingCallsNeedTheToken() {
        for (String token : new String[] {null, "wrong-token-0123456789abcdef", TOKEN.substring(1)}) {
            HttpRequest<Buffer> request = post("/api/experiments").putHeader("Content-Type", "application/json");
            if (token != null) {
                request.bearerTokenAuthentication(token);
            }
            HttpResponse<Buffer> response = request.sendBuffer(Buffer.buffer("{}")).await();
            assertThat(response.statusCode()).as("token %s", token).isEqualTo(401);
            assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.bodyAsJsonObject().getString("error")).contains("Authorization: Bearer");
        }
        assertThat(client.delete(server.port(), "127.0.0.1", "/api/experiments/abc").send().await().statusCode()).isEqualTo(401);
        assertThat(post("/api/experiments/abc/cancel").send().await().statusCode()).isEqualTo(401);
        assertThat(post("/api/uploads?name=a.csv").sendBuffer(Buffer.buffer("1,2\n")).await().statusCode()).isEqualTo(401);
        assertThat(Files.exists(dataRoot.resolve("uploads"))).isFalse();
    }

    @Test
    void readsNeedNoTokenAndTheConfigSaysOneIsRequired() {
        HttpResponse<Buffer> response = get("/api/config").send().await();
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject config = response.bodyAsJsonObject();
        assertThat(config.getBoolean("tokenRequired")).isTrue();
        assertThat(config.getString("mode")).isEqualTo("standalone");
        assertThat(config.fieldNames()).containsExactlyInAnyOrder("tokenRequired", "grafanaUrl", "version", "mode", "node");
    }

    /** Clients read what went wrong in words; the Java type of the answer or the exception goes to the log only. */
    @ParameterizedTest(name = "the coordinator answers {0} → {1}")
    @MethodSource("unreadableAnswers")
    void answersTheServerCannotReadGiveAPlainMessage(Object answer, int status, String error) {
        MessageConsumer<Object> nodes = vertx.eventBus().consumer(Addresses.API_NODES, message -> message.reply(answer));
        try {
            HttpResponse<Buffer> response = get("/api/nodes").send().await();
            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo(error)
                    .doesNotContainPattern(JavaNames.PATTERN).doesNotContain(answer.getClass().getSimpleName());
        } finally {
            nodes.unregister().await();
        }
    }

    static Stream<Arguments> unreadableAnswers() {
        return Stream.of(
                Arguments.of(42, 502, "the coordinator's answer is not a JSON object"),
                Arguments.of("not JSON", 500, WebServer.INTERNAL_ERROR));
    }

    @Test
    void withoutACoordinatorCallsAnswer503AndHealthIsDown() {
        HttpResponse<Buffer> list = get("/api/experiments").send().await();
        assertThat(list.statusCode()).isEqualTo(503);
        assertThat(list.bodyAsJsonObject().getString("error")).contains("tn.api.experiments");
        HttpResponse<Buffer> health = get("/health").send().await();
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.bodyAsJsonObject().getString("store")).isEqualTo("DOWN");
    }

    @Test
    void badQueryValuesAndUnknownPathsAreJsonErrors() {
        HttpResponse<Buffer> paging = get("/api/experiments?offset=-1").send().await();
        assertThat(paging.statusCode()).isEqualTo(400);
        assertThat(paging.bodyAsJsonObject().getJsonArray("violations").getJsonObject(0).getString("field")).isEqualTo("offset");
        for (String path : List.of("/api/nothing", "/nothing.html", "/api/experiments/a/b/c")) {
            HttpResponse<Buffer> missing = get(path).send().await();
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.bodyAsJsonObject().getString("error")).as(path).contains("no such resource");
        }
        HttpResponse<Buffer> badId = get("/api/experiments/" + "x".repeat(200)).send().await();
        assertThat(badId.statusCode()).isEqualTo(400);
    }

    @Test
    void otherSitesAndOtherHostNamesAreRefused() {
        HttpResponse<Buffer> crossSite = post("/api/experiments/abc/cancel").bearerTokenAuthentication(TOKEN)
                .putHeader("Origin", "https://evil.example").send().await();
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.bodyAsJsonObject().getString("error")).contains("cross-origin");
        HttpResponse<Buffer> rebound = get("/api/config").putHeader("Host", "attacker.example:" + server.port()).send().await();
        assertThat(rebound.statusCode()).isEqualTo(403);
        HttpResponse<Buffer> sameSite = post("/api/experiments").bearerTokenAuthentication(TOKEN)
                .putHeader("Origin", "http://127.0.0.1:" + server.port()).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{")).await();
        assertThat(sameSite.statusCode()).isEqualTo(400);
    }

    /**
     * DNS rebinding: a page on a name its attacker rebinds to 127.0.0.1 sends that name as its
     * Host and as its Origin. Only literal loopback addresses, localhost and the allowed names
     * get through; a name that merely starts like an address is a name.
     */
    static Stream<Arguments> hosts() {
        return Stream.of(
                Arguments.of("127.0.0.1", 200), Arguments.of("127.0.0.2", 200), Arguments.of("127.255.255.254", 200),
                Arguments.of("localhost", 200), Arguments.of("LOCALHOST", 200), Arguments.of("[::1]", 200),
                Arguments.of("[0:0:0:0:0:0:0:1]", 200), Arguments.of("tn.lab.example", 200),
                Arguments.of("127.evil.example", 403), Arguments.of("127.0.0.1.evil.example", 403),
                Arguments.of("127.0.0.1.", 403), Arguments.of("127.1", 403), Arguments.of("localhost.evil.example", 403),
                Arguments.of("10.0.0.1", 403), Arguments.of("[::2]", 403), Arguments.of("attacker.example", 403),
                Arguments.of("lab.example", 403));
    }

    @ParameterizedTest(name = "Host {0} → {1}")
    @MethodSource("hosts")
    void aLoopbackServerAnswersOnlyLoopbackAddressesLocalhostAndAllowedNames(String host, int status) {
        WebConfig config = WebConfig.local(List.of(dataRoot)).withPorts(0, WebConfig.BRIDGE_OFF)
                .withAllowedHosts(List.of("TN.lab.example"));
        WebServer open = WebServer.start(vertx, config, null).await();
        try {
            String authority = host + ":" + open.port();
            HttpResponse<Buffer> read = client.get(open.port(), "127.0.0.1", "/api/config").putHeader("Host", authority)
                    .send().await();
            assertThat(read.statusCode()).isEqualTo(status);
            HttpResponse<Buffer> submit = client.post(open.port(), "127.0.0.1", "/api/experiments")
                    .putHeader("Host", authority).putHeader("Origin", "http://" + authority)
                    .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{")).await();
            assertThat(submit.statusCode()).as("a submission from a page on that host").isEqualTo(status == 200 ? 400 : 403);
            if (status == 403) {
                assertThat(read.bodyAsJsonObject().getString("error")).contains("refused Host").contains("--allowed-hosts");
            }
        } finally {
            open.close().await();
        }
    }

    /** SockJS's XHR fallback: a session opened by xhr takes frames by xhr_send (it answered 500 without a body handler). */
    @Test
    void theSockJsXhrFallbackTakesFrames() {
        String session = "/eventbus/000/xhrsession";
        HttpResponse<Buffer> open = post(session + "/xhr").send().await();
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.bodyAsString()).startsWith("o");
        HttpResponse<Buffer> sent = post(session + "/xhr_send").putHeader("Content-Type", "text/plain")
                .sendBuffer(Buffer.buffer("[\"{\\\"type\\\":\\\"ping\\\"}\"]")).await();
        assertThat(sent.statusCode()).isEqualTo(204);
        HttpResponse<Buffer> unknown = post("/eventbus/000/nosession/xhr_send").sendBuffer(Buffer.buffer("[]")).await();
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void uploadsLandUnderTheFirstDataRootWithASafeNameAndNeverOverwrite() throws Exception {
        HttpResponse<Buffer> first = post("/api/uploads?name=..%2F..%2Fmy%20data%3B.csv").bearerTokenAuthentication(TOKEN)
                .sendBuffer(Buffer.buffer("a,b\n1,2\n")).await();
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.bodyAsJsonObject().getString("path")).isEqualTo("uploads/my_data_.csv");
        assertThat(Files.readString(dataRoot.resolve("uploads/my_data_.csv"))).isEqualTo("a,b\n1,2\n");
        HttpResponse<Buffer> second = post("/api/uploads?name=my_data_.csv").bearerTokenAuthentication(TOKEN)
                .sendBuffer(Buffer.buffer("other")).await();
        assertThat(second.bodyAsJsonObject().getString("path")).isEqualTo("uploads/my_data_-2.csv");
        assertThat(Files.readString(dataRoot.resolve("uploads/my_data_.csv"))).isEqualTo("a,b\n1,2\n");
        HttpResponse<Buffer> tooBig = post("/api/uploads?name=big.csv").bearerTokenAuthentication(TOKEN)
                .sendBuffer(Buffer.buffer("x".repeat(20_000))).await();
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.bodyAsJsonObject().getString("error")).contains("10000 bytes");
        HttpResponse<Buffer> unnamed = post("/api/uploads?name=...").bearerTokenAuthentication(TOKEN)
                .sendBuffer(Buffer.buffer("x")).await();
        assertThat(unnamed.statusCode()).isEqualTo(400);
        try (Stream<Path> files = Files.list(dataRoot.resolve("uploads"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("my_data_.csv", "my_data_-2.csv");
        }
    }

    @Test
    void theTcpBridgeWantsTheTokenInEveryFrameAndLetsInOnlyTheApi() throws Exception {
        AtomicReference<JsonObject> seenHeaders = new AtomicReference<>();
        MessageConsumer<JsonObject> nodes = vertx.eventBus().consumer(Addresses.API_NODES, message -> {
            JsonObject headers = new JsonObject();
            message.headers().forEach(header -> headers.put(header.getKey(), header.getValue()));
            seenHeaders.set(headers);
            message.reply(new JsonObject().put("v", 1).put("nodes", new io.vertx.core.json.JsonArray()));
        });
        nodes.completion().await();
        TcpBridgeClient anonymous = TcpBridgeClient.connect(vertx, server.bridgePort()).await();
        TcpBridgeClient bridge = TcpBridgeClient.connect(vertx, server.bridgePort()).await();
        try {
            anonymous.send(frame("send", Addresses.API_NODES).put("replyAddress", "r1")).await();
            assertThat(firstError(anonymous)).contains("unauthorized");
            assertThat(seenHeaders.get()).isNull();

            bridge.send(frame("send", Addresses.SCHEDULER_LEASE).put("replyAddress", "r2").put("headers", token())).await();
            assertThat(firstError(bridge)).isEqualTo("access_denied");

            bridge.send(frame("register", Addresses.API_SUBMIT).put("headers", token())).await();
            assertThat(firstError(bridge)).isEqualTo("access_denied");

            bridge.send(frame("send", Addresses.API_NODES).put("replyAddress", "r3").put("headers", token())).await();
            JsonObject reply = bridge.next();
            assertThat(reply.getString("type")).isEqualTo("message");
            assertThat(reply.getString("address")).isEqualTo("r3");
            assertThat(reply.getJsonObject("body").getJsonArray("nodes")).isEmpty();
            assertThat(seenHeaders.get().fieldNames()).doesNotContain("token");

            bridge.send(frame("register", Addresses.progress("e1")).put("headers", token())).await();
            // A connection's frames are handled in order: once the ping is answered, the address is registered.
            bridge.send(new JsonObject().put("type", "ping")).await();
            assertThat(bridge.next().getString("type")).isEqualTo("pong");
            vertx.eventBus().publish(Addresses.progress("e1"), new JsonObject().put("x", 1));
            vertx.eventBus().publish(Addresses.EVENTS, new JsonObject().put("type", "task"));
            JsonObject progress = bridge.next();
            assertThat(progress.getString("address")).isEqualTo(Addresses.progress("e1"));
            assertThat(bridge.poll(300)).as("tn.events was not registered").isNull();
        } finally {
            Future.join(anonymous.close(), bridge.close()).await();
            nodes.unregister().await();
        }
    }

    /**
     * A frame declaring 200 MB is refused from its 4-byte length alone: the error frame and the
     * close arrive although not one byte of the body was sent, so the server never waited to
     * buffer it.
     */
    @Test
    void theTcpBridgeClosesTheConnectionOnAFrameOverTheLimitBeforeItsBody() throws Exception {
        TcpBridgeClient bridge = TcpBridgeClient.connect(vertx, server.bridgePort()).await();
        try {
            bridge.sendRaw(Buffer.buffer().appendInt(200_000_000).appendString("{\"type\": \"send\"")).await();
            assertThat(firstError(bridge)).isEqualTo("frame too large: 200000000 bytes, the limit is "
                    + WebConfig.DEFAULT_BRIDGE_MAX_FRAME + " bytes (bridge-max-frame)");
            bridge.closed().await(10, TimeUnit.SECONDS);
        } finally {
            bridge.close().await();
        }
    }

    static Stream<Arguments> badTcpFrames() {
        return Stream.of(
                // what, the frame's JSON text, the error frame's message
                Arguments.of("invalid JSON", "{\"type\": \"send\", ", "invalid frame: not a JSON object"),
                Arguments.of("a JSON array", "[1, 2]", "invalid frame: not a JSON object"),
                Arguments.of("a JSON string", "\"ping\"", "invalid frame: not a JSON object"),
                Arguments.of("no address", "{\"type\": \"send\", \"headers\": {\"token\": \"" + TOKEN + "\"}}",
                        "missing_address"),
                Arguments.of("an unknown type", "{\"type\": \"call\", \"address\": \"tn.api.nodes\", \"headers\": {\"token\": \""
                        + TOKEN + "\"}}", "unknown_type"),
                Arguments.of("an unknown registration", "{\"type\": \"unregister\", \"address\": \"tn.events\","
                        + " \"headers\": {\"token\": \"" + TOKEN + "\"}}", "unknown_address"));
    }

    /** A frame the bridge cannot act on gets an error frame, and the connection stays usable. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badTcpFrames")
    void theTcpBridgeAnswersABadFrameWithAnErrorAndKeepsTheConnection(String what, String json, String error)
            throws Exception {
        TcpBridgeClient bridge = TcpBridgeClient.connect(vertx, server.bridgePort()).await();
        try {
            bridge.sendJson(Buffer.buffer(json)).await();
            assertThat(firstError(bridge)).isEqualTo(error);
            bridge.send(new JsonObject().put("type", "ping")).await();
            assertThat(bridge.next().getString("type")).isEqualTo("pong");
        } finally {
            bridge.close().await();
        }
    }

    /** A connection holds at most so many registrations and requests waiting for replies; beyond, error frames. */
    @Test
    void theTcpBridgeBoundsRegistrationsAndPendingRequestsPerConnection() throws Exception {
        MessageConsumer<JsonObject> silent = vertx.eventBus().consumer(Addresses.API_NODES, message -> { });
        silent.completion().await();
        TcpBridgeClient bridge = TcpBridgeClient.connect(vertx, server.bridgePort()).await();
        try {
            for (int i = 0; i <= TcpBridgeConnection.MAX_REGISTRATIONS; i++) {
                bridge.send(frame("register", Addresses.progress("e" + i)).put("headers", token())).await();
            }
            assertThat(firstError(bridge)).isEqualTo("too many registrations: at most "
                    + TcpBridgeConnection.MAX_REGISTRATIONS + " addresses per connection");
            for (int i = 0; i <= TcpBridgeConnection.MAX_PENDING_REPLIES; i++) {
                bridge.send(frame("send", Addresses.API_NODES).put("replyAddress", "r" + i).put("headers", token())).await();
            }
            JsonObject refusal = bridge.next();
            assertThat(refusal.getString("type")).isEqualTo("err");
            assertThat(refusal.getString("address")).isEqualTo("r" + TcpBridgeConnection.MAX_PENDING_REPLIES);
            assertThat(refusal.getString("message")).isEqualTo("too many requests waiting for replies: at most "
                    + TcpBridgeConnection.MAX_PENDING_REPLIES + " per connection");
        } finally {
            bridge.close().await();
            silent.unregister().await();
        }
    }

    @Test
    void theSockJsBridgeSendsNothingInAndNeedsTheTokenToListen() throws Exception {
        SockJsClient anonymous = SockJsClient.connect(vertx, server.port(), "").await();
        SockJsClient signedIn = SockJsClient.connect(vertx, server.port(), "?token=" + TOKEN).await();
        SockJsClient byHeader = SockJsClient.connect(vertx, server.port(), "").await();
        try {
            anonymous.send(frame("register", Addresses.EVENTS)).await();
            signedIn.send(frame("register", Addresses.EVENTS)).await();
            byHeader.send(frame("register", Addresses.EVENTS).put("headers", token())).await();
            signedIn.send(frame("register", Addresses.SCHEDULER_LEASE)).await();
            assertThat(signedIn.poll(5000).getString("type")).isEqualTo("err");
            AtomicReference<Object> reached = new AtomicReference<>();
            MessageConsumer<Object> lease = vertx.eventBus().consumer(Addresses.SCHEDULER_LEASE, message -> reached.set(message.body()));
            MessageConsumer<Object> submit = vertx.eventBus().consumer(Addresses.API_SUBMIT, message -> reached.set(message.body()));
            Future.all(lease.completion(), submit.completion()).await();
            signedIn.send(frame("send", Addresses.SCHEDULER_LEASE).put("body", new JsonObject())).await();
            signedIn.send(frame("send", Addresses.API_SUBMIT).put("body", new JsonObject())).await();
            signedIn.send(frame("publish", Addresses.EVENTS).put("body", new JsonObject())).await();
            for (int refusal = 0; refusal < 3; refusal++) {
                assertThat(signedIn.poll(5000).getString("type")).isEqualTo("err");
            }
            vertx.eventBus().publish(Addresses.EVENTS, new JsonObject().put("type", "experiment"));
            assertThat(signedIn.poll(5000).getJsonObject("body").getString("type")).isEqualTo("experiment");
            assertThat(byHeader.poll(5000).getJsonObject("body").getString("type")).isEqualTo("experiment");
            JsonObject anonymousFrame = anonymous.poll(500);
            assertThat(anonymousFrame == null || "err".equals(anonymousFrame.getString("type"))).as("%s", anonymousFrame).isTrue();
            assertThat(anonymous.poll(300)).isNull();
            assertThat(reached.get()).isNull();
            Future.all(lease.unregister(), submit.unregister()).await();
        } finally {
            Future.join(anonymous.close(), signedIn.close(), byHeader.close()).await();
        }
    }

    @Test
    void theDashboardAndItsLibrariesAreServedFromTheClasspath() {
        HttpResponse<Buffer> index = get("/").send().await();
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.getHeader("Content-Type")).startsWith("text/html");
        assertThat(index.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        HttpResponse<Buffer> vue = get("/webjars/vue/3.5.13/dist/vue.esm-browser.prod.js").send().await();
        assertThat(vue.statusCode()).isEqualTo(200);
        assertThat(vue.getHeader("Content-Type")).contains("javascript");
        assertThat(vue.getHeader("Cache-Control")).contains("max-age=604800");
        assertThat(get("/webjars/../webroot/index.html").send().await().statusCode()).isIn(400, 404);
    }

    @Test
    void aWorkerNodeServesOnlyHealthAndMetrics() {
        WebConfig worker = WebConfig.local(List.of(dataRoot)).withPorts(0, 0).withNode("w1", "worker").withoutApi();
        WebServer workerServer = WebServer.start(vertx, worker, null).await();
        try {
            assertThat(workerServer.bridgePort()).isEqualTo(WebConfig.BRIDGE_OFF);
            HttpResponse<Buffer> health = client.get(workerServer.port(), "127.0.0.1", "/health").send().await();
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.bodyAsJsonObject()).isEqualTo(new JsonObject().put("node", "w1").put("mode", "worker").put("status", "UP"));
            for (String path : List.of("/api/config", "/", "/eventbus/info")) {
                assertThat(client.get(workerServer.port(), "127.0.0.1", path).send().await().statusCode()).as(path).isEqualTo(404);
            }
        } finally {
            workerServer.close().await();
        }
    }

    private static String firstError(TcpBridgeClient bridge) throws InterruptedException {
        JsonObject frame = bridge.next();
        assertThat(frame.getString("type")).as("%s", frame).isEqualTo("err");
        return frame.getString("message");
    }

    private static JsonObject frame(String type, String address) {
        return new JsonObject().put("type", type).put("address", address);
    }

    private static JsonObject token() {
        return new JsonObject().put("token", TOKEN);
    }
}
