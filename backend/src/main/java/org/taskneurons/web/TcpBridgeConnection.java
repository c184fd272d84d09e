package org.taskneurons.web;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One script's connection to the {@link TcpBridge}, with every resource it can hold bounded.
 *
 * <ul>
 *   <li>A frame's 4-byte length is read on its own; a length over the limit gets an error frame
 *       and the connection is closed before any of the body is read. A body that is not a JSON
 *       object gets an error frame, and the connection goes on with the next frame.</li>
 *   <li>When a token is required, every frame but a ping carries it in {@code headers.token};
 *       a frame without it gets an error frame and ends the connection. No header travels on:
 *       the token never reaches the cluster's event bus, and only {@code headers.timeout}
 *       (at most {@value #MAX_SEND_TIMEOUT_MINUTES} minutes) is honoured.</li>
 *   <li>At most {@value #MAX_REGISTRATIONS} registered addresses and {@value #MAX_PENDING_REPLIES}
 *       requests waiting for their replies; beyond either, an error frame (addressed to the
 *       request's reply address, so a waiting client hears of it).</li>
 *   <li>While the socket's write queue is full, no more frames are read, and published messages
 *       for this client are dropped (the event bus is best effort; the store keeps everything).</li>
 * </ul>
 *
 * Frames out are those of the Vert.x TCP bridge: {@code message} (with {@code address},
 * {@code headers}, {@code body}, {@code send}), {@code pong}, and {@code err} (with
 * {@code message}; a failed request's also with {@code address} = its reply address,
 * {@code sourceAddress}, {@code failureCode} and {@code failureType}).
 */
final class TcpBridgeConnection {
    static final int MAX_REGISTRATIONS = 100;
    static final int MAX_PENDING_REPLIES = 100;
    private static final long MAX_SEND_TIMEOUT_MINUTES = 10;
    private static final int LENGTH_BYTES = 4;

    private final EventBus bus;
    private final NetSocket socket;
    private final AccessToken token;
    private final int maxFrame;
    private final RecordParser parser;
    private final Map<String, MessageConsumer<Object>> registrations = new HashMap<>();
    private int pendingReplies;
    private boolean readingLength = true;
    private boolean closing;

    private TcpBridgeConnection(EventBus bus, NetSocket socket, AccessToken token, int maxFrame) {
        this.bus = bus;
        this.socket = socket;
        this.token = token;
        this.maxFrame = maxFrame;
        this.parser = RecordParser.newFixed(LENGTH_BYTES, socket);
    }

    static void serve(EventBus bus, NetSocket socket, AccessToken token, int maxFrame) {
        TcpBridgeConnection connection = new TcpBridgeConnection(bus, socket, token, maxFrame);
        connection.parser.handler(connection::onRecord);
        connection.parser.exceptionHandler(failure -> socket.close());
        socket.closeHandler(closed -> connection.unregisterAll());
    }

    private void onRecord(Buffer record) {
        if (closing) {
            return;
        }
        if (readingLength) {
            long length = record.getUnsignedInt(0);
            if (length > maxFrame) {
                refuseAndClose("frame too large: " + length + " bytes, the limit is " + maxFrame + " bytes (bridge-max-frame)");
            } else if (length == 0) {
                writeError("invalid frame: empty");
            } else {
                readingLength = false;
                parser.fixedSizeMode((int) length);
            }
            return;
        }
        readingLength = true;
        parser.fixedSizeMode(LENGTH_BYTES);
        handle(record);
    }

    private void handle(Buffer json) {
        JsonObject frame = decode(json);
        if (frame == null) {
            writeError("invalid frame: not a JSON object");
            return;
        }
        Object type = frame.getValue("type");
        if ("ping".equals(type)) {
            write(new JsonObject().put("type", "pong"));
            return;
        }
        if (!token.admits(EventBusBridges.tokenOf(EventBusBridges.headersOf(frame)))) {
            // A client without the token has nothing more to do here.
            refuseAndClose(EventBusBridges.UNAUTHORIZED);
            return;
        }
        if (!(frame.getValue("address") instanceof String address)) {
            writeError("missing_address");
            return;
        }
        switch (type instanceof String name ? name : "") {
            case "send" -> send(address, frame);
            case "publish" -> publish(address, frame);
            case "register" -> register(address);
            case "unregister" -> unregister(address);
            default -> writeError("unknown_type");
        }
    }

    private static JsonObject decode(Buffer json) {
        try {
            return Json.decodeValue(json) instanceof JsonObject frame ? frame : null;
        } catch (DecodeException malformed) {
            return null;
        }
    }

    private void send(String address, JsonObject frame) {
        if (!TcpBridge.admitsInbound(address)) {
            writeError("access_denied");
            return;
        }
        Object body = frame.getValue("body");
        DeliveryOptions options = deliveryOptions(frame);
        if (!(frame.getValue("replyAddress") instanceof String replyAddress)) {
            bus.send(address, body, options);
            return;
        }
        if (pendingReplies >= MAX_PENDING_REPLIES) {
            write(new JsonObject().put("type", "err").put("address", replyAddress).put("sourceAddress", address)
                    .put("message", "too many requests waiting for replies: at most " + MAX_PENDING_REPLIES + " per connection"));
            return;
        }
        pendingReplies++;
        bus.<Object>request(address, body, options).onComplete(reply -> {
            pendingReplies--;
            write(answer(address, replyAddress, reply));
        });
    }

    private static JsonObject answer(String address, String replyAddress, AsyncResult<Message<Object>> reply) {
        if (reply.succeeded()) {
            return message(replyAddress, reply.result(), true);
        }
        ReplyException failure = reply.cause() instanceof ReplyException known
                ? known
                : new ReplyException(ReplyFailure.ERROR, reply.cause().getMessage());
        return new JsonObject().put("type", "err").put("address", replyAddress).put("sourceAddress", address)
                .put("failureCode", failure.failureCode()).put("failureType", failure.failureType().name())
                .put("message", failure.getMessage());
    }

    private void publish(String address, JsonObject frame) {
        if (!TcpBridge.admitsInbound(address)) {
            writeError("access_denied");
            return;
        }
        bus.publish(address, frame.getValue("body"), deliveryOptions(frame));
    }

    private void register(String address) {
        if (!TcpBridge.admitsOutbound(address)) {
            writeError("access_denied");
        } else if (registrations.size() >= MAX_REGISTRATIONS && !registrations.containsKey(address)) {
            writeError("too many registrations: at most " + MAX_REGISTRATIONS + " addresses per connection");
        } else {
            registrations.computeIfAbsent(address, registered -> bus.consumer(registered, this::deliver));
        }
    }

    private void unregister(String address) {
        if (!TcpBridge.admitsOutbound(address)) {
            writeError("access_denied");
            return;
        }
        MessageConsumer<Object> consumer = registrations.remove(address);
        if (consumer == null) {
            writeError("unknown_address");
        } else {
            consumer.unregister();
        }
    }

    private void deliver(Message<Object> message) {
        if (!socket.writeQueueFull()) {
            write(message(message.address(), message, message.isSend()));
        }
    }

    private static JsonObject message(String address, Message<Object> message, boolean send) {
        JsonObject headers = new JsonObject();
        message.headers().forEach(header -> headers.put(header.getKey(), header.getValue()));
        return new JsonObject().put("type", "message").put("address", address).put("headers", headers)
                .put("body", message.body()).put("send", send);
    }

    /** A send timeout from {@code headers.timeout}, capped; no other header goes on. */
    private static DeliveryOptions deliveryOptions(JsonObject frame) {
        DeliveryOptions options = new DeliveryOptions();
        JsonObject headers = EventBusBridges.headersOf(frame);
        if (headers != null && headers.getValue("timeout") instanceof Number timeout && timeout.longValue() > 0) {
            options.setSendTimeout(Math.min(timeout.longValue(), TimeUnit.MINUTES.toMillis(MAX_SEND_TIMEOUT_MINUTES)));
        }
        return options;
    }

    private void writeError(String message) {
        write(new JsonObject().put("type", "err").put("message", message));
    }

    private void refuseAndClose(String message) {
        closing = true;
        parser.pause();
        writeFrame(new JsonObject().put("type", "err").put("message", message)).eventually(socket::close);
    }

    private void write(JsonObject frame) {
        writeFrame(frame);
        if (socket.writeQueueFull()) {
            parser.pause();
            socket.drainHandler(drained -> {
                if (!closing) {
                    parser.resume();
                }
            });
        }
    }

    private Future<Void> writeFrame(JsonObject frame) {
        Buffer json = frame.toBuffer();
        return socket.write(Buffer.buffer(LENGTH_BYTES + json.length()).appendInt(json.length()).appendBuffer(json));
    }

    private void unregisterAll() {
        closing = true;
        registrations.values().forEach(MessageConsumer::unregister);
        registrations.clear();
    }
}
