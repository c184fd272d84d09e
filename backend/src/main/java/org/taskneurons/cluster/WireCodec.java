package org.taskneurons.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/**
 * The codec of one message type between workers and the scheduler: JSON on the wire (a
 * length-prefixed UTF-8 object with {@code "v"}), the record itself within one process (records
 * are immutable, so nothing is copied).
 *
 * @param <T> the message record
 */
final class WireCodec<T> implements MessageCodec<T, T> {
    private final Class<T> type;
    private final Function<T, JsonObject> write;
    private final Function<JsonObject, T> read;

    private WireCodec(Class<T> type, Function<T, JsonObject> write, Function<JsonObject, T> read) {
        this.type = type;
        this.write = write;
        this.read = read;
    }

    static <T> WireCodec<T> of(Class<T> type, Function<T, JsonObject> write, Function<JsonObject, T> read) {
        return new WireCodec<>(type, write, read);
    }

    /** Every message type's codec, one per type. */
    static List<WireCodec<?>> all() {
        return List.of(
                of(LeaseAsk.class, LeaseAsk::toJson, LeaseAsk::fromJson),
                of(LeaseGrant.class, LeaseGrant::toJson, LeaseGrant::fromJson),
                of(HeartbeatAsk.class, HeartbeatAsk::toJson, HeartbeatAsk::fromJson),
                of(HeartbeatReply.class, HeartbeatReply::toJson, HeartbeatReply::fromJson),
                of(TaskCompletion.class, TaskCompletion::toJson, TaskCompletion::fromJson),
                of(TaskFailure.class, TaskFailure::toJson, TaskFailure::fromJson),
                of(Acknowledgement.class, Acknowledgement::toJson, Acknowledgement::fromJson),
                of(ProgressReport.class, ProgressReport::toJson, ProgressReport::fromJson),
                of(NodeAnnouncement.class, NodeAnnouncement::toJson, NodeAnnouncement::fromJson));
    }

    /**
     * Registers every codec as the default of its type, once per Vert.x instance (a second
     * node in the same process finds them there).
     */
    static void registerAll(EventBus bus) {
        for (WireCodec<?> codec : all()) {
            codec.register(bus);
        }
    }

    private void register(EventBus bus) {
        try {
            bus.registerDefaultCodec(type, this);
        } catch (IllegalStateException alreadyRegistered) {
            // Registered by an earlier node on the same Vert.x: the codecs are stateless and equal.
        }
    }

    @Override
    public void encodeToWire(Buffer buffer, T message) {
        Buffer json = write.apply(message).toBuffer();
        buffer.appendInt(json.length()).appendBuffer(json);
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        return read.apply(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
    }

    @Override
    public T transform(T message) {
        return message;
    }

    @Override
    public String name() {
        return "tn." + type.getSimpleName() + ".v" + Addresses.VERSION;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
