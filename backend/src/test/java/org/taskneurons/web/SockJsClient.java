package org.taskneurons.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The SockJS bridge over its raw WebSocket endpoint ({@code /eventbus/websocket}): plain JSON frames. */
final class SockJsClient {
    private final WebSocketClient client;
    private final WebSocket socket;
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

    private SockJsClient(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.handler(data -> frames.add(data.toJsonObject()));
    }

    /** Connects with {@code query} ("" or "?token=...") on the raw endpoint. */
    static Future<SockJsClient> connect(Vertx vertx, int port, String query) {
        WebSocketClient client = vertx.createWebSocketClient();
        return client.connect(port, "127.0.0.1", "/eventbus/websocket" + query).map(socket -> new SockJsClient(client, socket));
    }

    Future<Void> send(JsonObject frame) {
        return socket.writeTextMessage(frame.encode());
    }

    JsonObject poll(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }

    Future<Void> close() {
        return socket.close().eventually(client::close);
    }
}
