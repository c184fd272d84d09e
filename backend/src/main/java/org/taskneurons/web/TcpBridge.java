package org.taskneurons.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.taskneurons.cluster.Addresses;

/**
 * The TCP event-bus bridge for scripts, speaking the Vert.x TCP bridge's protocol: each frame
 * is a 4-byte big-endian length, then that many bytes of JSON. In: {@code tn.api.*}; out:
 * {@code tn.progress.*} and {@code tn.events}; everything else is refused. Each connection is a
 * {@link TcpBridgeConnection}, whose parser reads the length first and refuses a frame over
 * {@link WebConfig#bridgeMaxFrame()} before reading its body.
 */
final class TcpBridge {
    private static final Pattern INBOUND = Pattern.compile(EventBusBridges.API_REGEX);
    private static final Pattern OUTBOUND_PROGRESS = Pattern.compile(EventBusBridges.PROGRESS_REGEX);
    /** A script that sends nothing (not even a ping) for this long is disconnected. */
    private static final int IDLE_MINUTES = 10;

    private final NetServer server;

    private TcpBridge(NetServer server) {
        this.server = server;
    }

    /** Listens on {@code config}'s host and bridge port (0: any free one). */
    static Future<TcpBridge> listen(Vertx vertx, WebConfig config) {
        NetServerOptions options = new NetServerOptions()
                .setHost(config.host())
                .setPort(config.bridgePort())
                .setIdleTimeout(IDLE_MINUTES)
                .setIdleTimeoutUnit(TimeUnit.MINUTES);
        AccessToken token = AccessToken.of(config);
        NetServer server = vertx.createNetServer(options)
                .connectHandler(socket -> TcpBridgeConnection.serve(vertx.eventBus(), socket, token, config.bridgeMaxFrame()));
        return server.listen().map(TcpBridge::new);
    }

    int port() {
        return server.actualPort();
    }

    Future<Void> close() {
        return server.close();
    }

    /** Whether a script may send or publish to {@code address}. */
    static boolean admitsInbound(String address) {
        return INBOUND.matcher(address).matches();
    }

    /** Whether a script may register for {@code address}. */
    static boolean admitsOutbound(String address) {
        return address.equals(Addresses.EVENTS) || OUTBOUND_PROGRESS.matcher(address).matches();
    }
}
