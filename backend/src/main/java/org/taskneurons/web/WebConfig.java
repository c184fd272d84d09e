package org.taskneurons.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one node's web server listens and whom it lets in.
 *
 * @param host          interface to listen on; anything but loopback needs a token
 * @param port          HTTP port, 0 for an ephemeral one
 * @param bridgePort    TCP event-bus bridge port: 0 for an ephemeral one, {@value #BRIDGE_OFF} for none
 * @param token         the bearer token; null for none
 * @param tokenRequired whether mutating REST calls and both bridges need {@code token}
 * @param bodyLimit     most bytes of a REST request body (specs)
 * @param uploadLimit   most bytes of an uploaded data file
 * @param dataRoots     folders specs may read data from; uploads go to the first one's {@code uploads/}
 * @param grafanaUrl    where the dashboard links to Grafana; null for no link
 * @param servesApi     whether this node serves the REST API, the bridges and the dashboard (not
 *                      on worker nodes, which serve only {@code /health} and {@code /metrics})
 * @param nodeName      this node's name, as shown on the dashboard and in {@code /health}
 * @param mode          this node's mode in lower case: standalone, coordinator or worker
 * @param apiTimeout    how long a REST call waits for the coordinator's answer
 * @param allowedHosts  host names requests may be addressed to besides loopback ones (a server
 *                      on loopback) or IP addresses (a server elsewhere), lower case; empty: on
 *                      loopback only loopback names, elsewhere any name
 * @param bridgeMaxFrame most bytes of one TCP bridge frame's JSON; a longer frame closes the
 *                      connection before its body is read
 */
public record WebConfig(String host, int port, int bridgePort, String token, boolean tokenRequired, long bodyLimit,
        long uploadLimit, List<Path> dataRoots, String grafanaUrl, boolean servesApi, String nodeName, String mode,
        Duration apiTimeout, List<String> allowedHosts, int bridgeMaxFrame) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_BRIDGE_PORT = 7000;
    public static final int BRIDGE_OFF = -1;
    public static final long DEFAULT_BODY_LIMIT = 1L << 20;
    public static final long DEFAULT_UPLOAD_LIMIT = 100L << 20;
    public static final int DEFAULT_BRIDGE_MAX_FRAME = 1 << 20;
    public static final int MIN_BRIDGE_MAX_FRAME = 1024;
    public static final int MAX_BRIDGE_MAX_FRAME = 1 << 28;
    public static final Duration DEFAULT_API_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");

    public WebConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        requirePort("port", port, 0);
        requirePort("bridge port", bridgePort, BRIDGE_OFF);
        if (token != null && (token.length() < 16 || token.length() > 512 || !token.chars().allMatch(WebConfig::isTokenChar))) {
            throw new IllegalArgumentException(
                    "token must be 16 to 512 characters of letters, digits and -._~+/= (got " + token.length() + " characters)");
        }
        if (tokenRequired && token == null) {
            throw new IllegalArgumentException("a token is required (the server listens on " + host + ") but none is set");
        }
        if (bodyLimit < 1024) {
            throw new IllegalArgumentException("body limit below 1024 bytes: " + bodyLimit);
        }
        if (uploadLimit < 1) {
            throw new IllegalArgumentException("upload limit below 1 byte: " + uploadLimit);
        }
        dataRoots = List.copyOf(dataRoots);
        if (dataRoots.isEmpty()) {
            throw new IllegalArgumentException("no data root");
        }
        Objects.requireNonNull(nodeName, "nodeName");
        mode = Objects.requireNonNull(mode, "mode").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(apiTimeout, "apiTimeout");
        if (apiTimeout.isNegative() || apiTimeout.isZero()) {
            throw new IllegalArgumentException("API timeout must be positive: " + apiTimeout);
        }
        if (bridgeMaxFrame < MIN_BRIDGE_MAX_FRAME || bridgeMaxFrame > MAX_BRIDGE_MAX_FRAME) {
            throw new IllegalArgumentException("bridge frame limit out of range [" + MIN_BRIDGE_MAX_FRAME + ", "
                    + MAX_BRIDGE_MAX_FRAME + "] bytes: " + bridgeMaxFrame);
        }
        allowedHosts = allowedHosts.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        for (String name : allowedHosts) {
            if (!isHostName(name)) {
                throw new IllegalArgumentException("allowed host is not a host name: '" + name + "'");
            }
        }
    }

    /** Loopback, default ports, no token, the API on: a standalone node for {@code dataRoots}. */
    public static WebConfig local(List<Path> dataRoots) {
        return new WebConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_BRIDGE_PORT, null, false, DEFAULT_BODY_LIMIT,
                DEFAULT_UPLOAD_LIMIT, dataRoots, null, true, "local", "standalone", DEFAULT_API_TIMEOUT, List.of(),
                DEFAULT_BRIDGE_MAX_FRAME);
    }

    /** Whether {@code host} names only this machine (then the server needs no token unless one is given). */
    public static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether {@code name} is a host name as a Host header carries it (lower case, no port). */
    public static boolean isHostName(String name) {
        return HOST_NAME.matcher(name).matches();
    }

    public WebConfig withHost(String value) {
        return new WebConfig(value, port, bridgePort, token, tokenRequired, bodyLimit, uploadLimit, dataRoots, grafanaUrl,
                servesApi, nodeName, mode, apiTimeout, allowedHosts, bridgeMaxFrame);
    }

    public WebConfig withPorts(int httpPort, int tcpBridgePort) {
        return new WebConfig(host, httpPort, tcpBridgePort, token, tokenRequired, bodyLimit, uploadLimit, dataRoots,
                grafanaUrl, servesApi, nodeName, mode, apiTimeout, allowedHosts, bridgeMaxFrame);
    }

    /** Requires {@code value} for mutating calls and the bridges. */
    public WebConfig withToken(String value) {
        return new WebConfig(host, port, bridgePort, value, true, bodyLimit, uploadLimit, dataRoots, grafanaUrl, servesApi,
                nodeName, mode, apiTimeout, allowedHosts, bridgeMaxFrame);
    }

    public WebConfig withLimits(long body, long upload) {
        return new WebConfig(host, port, bridgePort, token, tokenRequired, body, upload, dataRoots, grafanaUrl, servesApi,
                nodeName, mode, apiTimeout, allowedHosts, bridgeMaxFrame);
    }

    public WebConfig withGrafanaUrl(String value) {
        return new WebConfig(host, port, bridgePort, token, tokenRequired, bodyLimit, uploadLimit, dataRoots, value,
                servesApi, nodeName, mode, apiTimeout, allowedHosts, bridgeMaxFrame);
    }

    /** A worker node's server: only {@code /health} and {@code /metrics}. */
    public WebConfig withoutApi() {
        return new WebConfig(host, port, BRIDGE_OFF, token, tokenRequired, bodyLimit, uploadLimit, dataRoots, grafanaUrl,
                false, nodeName, mode, apiTimeout, allowedHosts, bridgeMaxFrame);
    }

    public WebConfig withNode(String name, String nodeMode) {
        return new WebConfig(host, port, bridgePort, token, tokenRequired, bodyLimit, uploadLimit, dataRoots, grafanaUrl,
                servesApi, name, nodeMode, apiTimeout, allowedHosts, bridgeMaxFrame);
    }

    public WebConfig withAllowedHosts(List<String> names) {
        return new WebConfig(host, port, bridgePort, token, tokenRequired, bodyLimit, uploadLimit, dataRoots, grafanaUrl,
                servesApi, nodeName, mode, apiTimeout, names, bridgeMaxFrame);
    }

    public WebConfig withBridgeMaxFrame(int bytes) {
        return new WebConfig(host, port, bridgePort, token, tokenRequired, bodyLimit, uploadLimit, dataRoots, grafanaUrl,
                servesApi, nodeName, mode, apiTimeout, allowedHosts, bytes);
    }

    /** Without the token, so a config can be logged. */
    @Override
    public String toString() {
        return "WebConfig[host=" + host + ", port=" + port + ", bridgePort=" + bridgePort + ", tokenRequired="
                + tokenRequired + ", bodyLimit=" + bodyLimit + ", uploadLimit=" + uploadLimit + ", dataRoots=" + dataRoots
                + ", grafanaUrl=" + grafanaUrl + ", servesApi=" + servesApi + ", nodeName=" + nodeName + ", mode=" + mode
                + ", apiTimeout=" + apiTimeout + ", allowedHosts=" + allowedHosts + ", bridgeMaxFrame=" + bridgeMaxFrame + "]";
    }

    private static void requirePort(String what, int value, int lowest) {
        if (value < lowest || value > 65_535) {
            throw new IllegalArgumentException(what + " out of range [" + lowest + ", 65535]: " + value);
        }
    }

    private static boolean isTokenChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~+/=".indexOf(c) >= 0;
    }
}
