package org.taskneurons.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps other web sites out of the API even where no token is needed (a server on loopback):
 * a browser sends an {@code Origin} header with every cross-site POST and WebSocket, so a
 * mutating call or a bridge connection whose origin is not this server is refused (CSRF). A
 * server on loopback also answers only requests addressed to a loopback name, so a web page
 * cannot reach it through a DNS name rebound to 127.0.0.1.
 */
final class OriginPolicy {
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final boolean loopback;

    OriginPolicy(WebConfig config) {
        this.loopback = WebConfig.isLoopback(config.host());
    }

    /** For every request: on loopback, the Host header must name loopback. */
    void requireLoopbackHost(RoutingContext ctx) {
        if (loopback) {
            String host = hostName(ctx.request().getHeader(HttpHeaders.HOST));
            if (host != null && !LOOPBACK_NAMES.contains(host) && !host.startsWith("127.")) {
                throw HttpFailure.of(403, "refused Host '" + abbreviate(host) + "': this server listens on loopback only;"
                        + " to serve other names, listen on another interface (--host) with a token");
            }
        }
        ctx.next();
    }

    /** For mutating API calls (any method) and the event-bus bridge: an Origin, if sent, must be this server. */
    void requireSameOrigin(RoutingContext ctx, boolean allMethods) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin != null && (allMethods || !SAFE.contains(ctx.request().method()))) {
            String host = ctx.request().getHeader(HttpHeaders.HOST);
            if (host == null || !host.equalsIgnoreCase(authority(origin))) {
                throw HttpFailure.of(403, "refused cross-origin request from '" + abbreviate(origin) + "'");
            }
        }
        ctx.next();
    }

    private static String authority(String origin) {
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority == null ? "" : authority;
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }

    /** The name in a Host header, lower case, without the port. */
    private static String hostName(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 ? host.substring(0, close + 1) : host;
        }
        int colon = host.lastIndexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
