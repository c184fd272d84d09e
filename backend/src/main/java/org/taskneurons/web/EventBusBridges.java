package org.taskneurons.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
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
import org.taskneurons.cluster.Addresses;

/**
 * What the two event-bus bridges let through; everything not listed is denied.
 *
 * <ul>
 *   <li>SockJS at {@code /eventbus} (the dashboard): out {@code tn.progress.*} and {@code tn.events};
 *       in nothing. When a token is required, a socket opened with {@code ?token=T} (or an
 *       {@code Authorization: Bearer T} header) may register; otherwise each register frame must
 *       carry {@code headers.token}.</li>
 *   <li>TCP ({@link TcpBridge}, scripts): in {@code tn.api.*}, out {@code tn.progress.*} and
 *       {@code tn.events}; the token in {@code headers.token} of every frame but a ping.</li>
 * </ul>
 */
final class EventBusBridges {
    static final String PROGRESS_REGEX = "tn\\.progress\\.[A-Za-z0-9_.:-]{1,100}";
    /** Any API address, so that a new one is open to scripts as soon as the coordinator serves it. */
    static final String API_REGEX = "tn\\.api\\.[a-z]+";
    static final String UNAUTHORIZED = "unauthorized: missing or wrong token (send it as headers.token)";
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

    static JsonObject headersOf(JsonObject frame) {
        return frame != null && frame.getValue("headers") instanceof JsonObject headers ? headers : null;
    }

    static String tokenOf(JsonObject headers) {
        return headers != null && headers.getValue("token") instanceof String text ? text : null;
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
}
