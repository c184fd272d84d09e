package org.taskneurons.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports nothing listens on right now, on any address, for the nodes that {@code bench cluster} and the tests start. */
public final class FreePorts {
    private FreePorts() {
    }

    /** A port the system just handed out and released; another process may take it before the caller binds it. */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port: " + e.getMessage(), e);
        }
    }
}
