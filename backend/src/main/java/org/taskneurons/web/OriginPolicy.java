package org.taskneurons.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps other web sites out of the API even where no token is needed (a server on loopback):
 * a browser sends an {@code Origin} header with every cross-site POST and WebSocket, so a
 * mutating call or a bridge connection whose origin is not this server is refused (CSRF). A
 * server on loopback also answers only requests addressed to a literal loopback address
 * ({@code 127.x.y.z}, {@code [::1]}), {@code localhost} or a name the operator allowed, so a
 * web page cannot reach it through a DNS name rebound to 127.0.0.1 (a name such as
 * {@code 127.evil.example} is a name, not an address). A server elsewhere with allowed names
 * answers only those names and IP addresses.
 */
final class OriginPolicy {
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]*:[0-9a-f:.]*]");

    private final boolean loopback;
    private final Set<String> allowedHosts;

    OriginPolicy(WebConfig config) {
        this.loopback = WebConfig.isLoopback(config.host());
        this.allowedHosts = Set.copyOf(config.allowedHosts());
    }

    /**
     * For every request: on loopback, or where names are allowed, the Host header must name
     * this server.
     */
    void requireKnownHost(RoutingContext ctx) {
        String host = hostName(ctx.request().getHeader(HttpHeaders.HOST));
        if (host != null && (loopback || !allowedHosts.isEmpty()) && !admits(host)) {
            throw HttpFailure.of(403, "refused Host '" + abbreviate(host) + "': " + (loopback
                    ? "this server on loopback answers loopback addresses, localhost and the names in --allowed-hosts"
                    : "this server answers IP addresses and the names in --allowed-hosts"));
        }
        ctx.next();
    }

    private boolean admits(String host) {
        if (host.equals("localhost") || allowedHosts.contains(host)) {
            return true;
        }
        Optional<InetAddress> address = ipLiteral(host);
        return address.isPresent() && (!loopback || address.get().isLoopbackAddress());
    }

    /** The address a Host names literally (dotted IPv4 or bracketed IPv6); empty for a name, which is never looked up. */
    static Optional<InetAddress> ipLiteral(String host) {
        boolean v6 = IPV6.matcher(host).matches();
        if (!v6 && !IPV4.matcher(host).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(v6 ? host.substring(1, host.length() - 1) : host));
        } catch (UnknownHostException malformed) {
            return Optional.empty();
        }
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
