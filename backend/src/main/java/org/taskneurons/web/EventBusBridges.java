package org.taskneurons.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.taskneurons.cluster.Addresses;

/**
 * The two event-bus bridges and what they let through; everything not listed is denied.
 *
 * <ul>
 *   <li>SockJS at {@code /eventbus} (the dashboard): out {@code tn.progress.*} and {@code tn.events};
 *       in nothing. When a token is required, a socket opened with {@code ?token=T} (or an
 *       {@code Authorization: Bearer T} header) may register; otherwise each register frame must
 *       carry {@code headers.token}.</li>
 *   <li>TCP (scripts; 4-byte big-endian length, then a JSON frame): in {@code tn.api.*}, out
 *       {@code tn.progress.*} and {@code tn.events}. When a token is required, every frame but a
 *       ping carries it in {@code headers.token} (a frame without it ends the connection after
 *       an error frame); it is taken out of the headers before the
 *       message goes on, so it never travels the cluster's event bus.</li>
 * </ul>
 */
final class EventBusBridges {
    static final String PROGRESS_REGEX = "tn\\.progress\\.[A-Za-z0-9_.:-]{1,100}";
    static final String API_REGEX = "tn\\.api\\.[a-z]+";
    static final String UNAUTHORIZED = "unauthorized: missing or wrong token (send it as headers.token)";
    /** The longest a TCP client may ask an API request to wait for its answer. */
    private static final long MAX_SEND_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(10);
    private static final String SOCKJS_LIBRARY = "/webjars/sockjs-client/" + webJarVersion("sockjs-client")
            + "/dist/sockjs.min.js";

    private EventBusBridges() {
    }

    /** A dashboard library's version, as the frontend module's build wrote it from its pom. */
    private static String webJarVersion(String library) {
        try (InputStream in = EventBusBridges.class.getResourceAsStream("/taskneurons/webjars.properties")) {
            if (in == null) {
                throw new IllegalStateException("taskneurons/webjars.properties is not on the classpath (the frontend module)");
            }
            Properties versions = new Properties();
            versions.load(in);
            return versions.getProperty(library);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SockJS bridge's router, to mount at {@code /eventbus/*}. */
    static Router sockJs(Vertx vertx, AccessToken token) {
        SockJSBridgeOptions options = new SockJSBridgeOptions()
                .addOutboundPermitted(new PermittedOptions().setAddressRegex(PROGRESS_REGEX))
                .addOutboundPermitted(new PermittedOptions().setAddress(Addresses.EVENTS));
        SockJSHandler handler = SockJSHandler.create(vertx, new SockJSHandlerOptions().setLibraryURL(SOCKJS_LIBRARY));
        return handler.bridge(options, new SockJsGuard(token));
    }

    /** The TCP bridge, not yet listening. */
    static TcpEventBusBridge tcp(Vertx vertx, AccessToken token, String host) {
        BridgeOptions options = new BridgeOptions()
                .addInboundPermitted(new PermittedOptions().setAddressRegex(API_REGEX))
                .addOutboundPermitted(new PermittedOptions().setAddressRegex(PROGRESS_REGEX))
                .addOutboundPermitted(new PermittedOptions().setAddress(Addresses.EVENTS));
        NetServerOptions server = new NetServerOptions().setHost(host).setIdleTimeout(10).setIdleTimeoutUnit(TimeUnit.MINUTES);
        return TcpEventBusBridge.create(vertx, options, server, tcpGuard(token));
    }

    private static Handler<io.vertx.ext.eventbus.bridge.tcp.BridgeEvent> tcpGuard(AccessToken token) {
        return event -> {
            BridgeEventType type = event.type();
            if (type == BridgeEventType.SOCKET_PING || type == BridgeEventType.REGISTERED
                    || type == BridgeEventType.SOCKET_CREATED || type == BridgeEventType.SOCKET_CLOSED) {
                event.complete(true);
                return;
            }
            JsonObject frame = event.getRawMessage();
            JsonObject headers = headersOf(frame);
            if (!token.admits(tokenOf(headers))) {
                // One clear error, then the connection ends: a client without the token has nothing more to do here.
                writeError(event.socket(), UNAUTHORIZED).eventually(() -> event.socket().close());
                event.complete(false);
                return;
            }
            if (frame != null) {
                event.setRawMessage(frame.copy().put("headers", forwardedHeaders(headers)));
            }
            event.complete(true);
        };
    }

    /**
     * The headers a TCP frame's message carries on: none of the bridge's own (token, codec,
     * local-only), and a send timeout of at most {@link #MAX_SEND_TIMEOUT_MS}.
     */
    private static JsonObject forwardedHeaders(JsonObject headers) {
        JsonObject forwarded = new JsonObject();
        if (headers != null && headers.getValue("timeout") instanceof Number timeout && timeout.longValue() > 0) {
            forwarded.put("timeout", Math.min(timeout.longValue(), MAX_SEND_TIMEOUT_MS));
        }
        return forwarded;
    }

    private static JsonObject headersOf(JsonObject frame) {
        return frame != null && frame.getValue("headers") instanceof JsonObject headers ? headers : null;
    }

    private static String tokenOf(JsonObject headers) {
        return headers != null && headers.getValue("token") instanceof String text ? text : null;
    }

    /** An error frame as the bridge writes them: {@code {"type": "err", "message": ...}}. */
    private static Future<Void> writeError(NetSocket socket, String message) {
        Buffer frame = new JsonObject().put("type", "err").put("message", message).toBuffer();
        return socket.write(Buffer.buffer(4 + frame.length()).appendInt(frame.length()).appendBuffer(frame));
    }

    /** Lets the dashboard register on outbound addresses (with the token when required) and send nothing. */
    private static final class SockJsGuard implements Handler<BridgeEvent> {
        private final AccessToken token;
        private final Set<SockJSSocket> admitted = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

        SockJsGuard(AccessToken token) {
            this.token = token;
        }

        @Override
        public void handle(BridgeEvent event) {
            switch (event.type()) {
                case SOCKET_CREATED -> {
                    if (token.admits(queryToken(event.socket().uri())) || token.admitsBearer(event.socket().headers().get("Authorization"))) {
                        admitted.add(event.socket());
                    }
                    event.complete(true);
                }
                case SOCKET_CLOSED -> {
                    admitted.remove(event.socket());
                    event.complete(true);
                }
                case REGISTER, UNREGISTER -> event.complete(admitted.contains(event.socket()) || token.admits(headerToken(event)));
                case SEND, PUBLISH -> event.complete(false);
                default -> event.complete(true);
            }
        }

        private static String headerToken(BridgeEvent event) {
            return tokenOf(headersOf(event.getRawMessage()));
        }

        private static String queryToken(String uri) {
            String query;
            try {
                query = URI.create(uri).getRawQuery();
            } catch (IllegalArgumentException malformed) {
                return null;
            }
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                if (pair.startsWith("token=")) {
                    try {
                        return URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException malformed) {
                        return null;
                    }
                }
            }
            return null;
        }
    }

    static Future<Void> close(TcpEventBusBridge bridge) {
        return bridge == null ? Future.succeededFuture() : bridge.close();
    }
}
