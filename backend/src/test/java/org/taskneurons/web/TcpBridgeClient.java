package org.taskneurons.web;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client of the TCP event-bus bridge as a script sees it: length-prefixed JSON frames, read in order. */
final class TcpBridgeClient {
    private final NetClient client;
    private final NetSocket socket;
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final Promise<Void> closed = Promise.promise();

    private TcpBridgeClient(NetClient client, NetSocket socket) {
        this.client = client;
        this.socket = socket;
        RecordParser parser = RecordParser.newFixed(4);
        int[] length = {-1};
        parser.handler(chunk -> {
            if (length[0] < 0) {
                length[0] = chunk.getInt(0);
                parser.fixedSizeMode(length[0]);
            } else {
                frames.add(chunk.toJsonObject());
                length[0] = -1;
                parser.fixedSizeMode(4);
            }
        });
        socket.handler(parser);
        socket.closeHandler(ended -> closed.tryComplete());
    }

    static Future<TcpBridgeClient> connect(Vertx vertx, int port) {
        NetClient client = vertx.createNetClient();
        return client.connect(port, "127.0.0.1").map(socket -> new TcpBridgeClient(client, socket));
    }

    Future<Void> send(JsonObject frame) {
        return sendJson(frame.toBuffer());
    }

    /** {@code json} as one frame, whatever it holds. */
    Future<Void> sendJson(Buffer json) {
        return socket.write(Buffer.buffer().appendInt(json.length()).appendBuffer(json));
    }

    /** Bytes as they are, e.g. a frame's length without its body. */
    Future<Void> sendRaw(Buffer bytes) {
        return socket.write(bytes);
    }

    /** Completes when the server has closed the connection. */
    Future<Void> closed() {
        return closed.future();
    }

    /** The next frame from the bridge, waiting at most 10 s (call it off the event loop). */
    JsonObject next() throws InterruptedException {
        JsonObject frame = frames.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame from the bridge within 10 s");
        }
        return frame;
    }

    /** The next frame within {@code millis}, or null. */
    JsonObject poll(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }

    Future<Void> close() {
        return socket.close().eventually(client::close);
    }
}
