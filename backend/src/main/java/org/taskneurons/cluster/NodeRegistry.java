package org.taskneurons.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes the scheduler has heard from lately, with what they announced. A node silent
 * for longer than the staleness limit is dropped. Confined to the coordinator's context.
 */
final class NodeRegistry {
    private static final Duration PUBLISH_EVERY = Duration.ofSeconds(5);

    private final Duration stale;
    private final Map<String, Entry> nodes = new LinkedHashMap<>();

    NodeRegistry(Duration stale) {
        this.stale = stale;
    }

    private record Entry(NodeAnnouncement announcement, Instant lastSeen, Instant lastPublished) {
    }

    /**
     * Records an announcement; true when it should be published as a node event (a new
     * node, a change, or a while since the last event).
     */
    boolean seen(NodeAnnouncement announcement, Instant now) {
        Entry previous = nodes.get(announcement.node());
        boolean publish = previous == null || !previous.announcement().equals(announcement)
                || previous.lastPublished().plus(PUBLISH_EVERY).isBefore(now);
        nodes.put(announcement.node(), new Entry(announcement, now,
                publish ? now : previous.lastPublished()));
        return publish;
    }

    /** Keeps the node listed (the coordinator itself) without replacing what it announced. */
    void touch(NodeAnnouncement self, Instant now) {
        Entry previous = nodes.get(self.node());
        nodes.put(self.node(), previous == null ? new Entry(self, now, now)
                : new Entry(previous.announcement(), now, previous.lastPublished()));
    }

    /** Drops the nodes not heard from within the staleness limit; returns their names. */
    List<String> dropStale(Instant now) {
        List<String> dropped = nodes.entrySet().stream()
                .filter(entry -> entry.getValue().lastSeen().plus(stale).isBefore(now)).map(Map.Entry::getKey).toList();
        dropped.forEach(nodes::remove);
        return dropped;
    }

    /** {@code [{node, mode, lastSeen, workers: [...]}]}. */
    JsonArray toJson() {
        JsonArray json = new JsonArray();
        nodes.values().forEach(entry -> json.add(new JsonObject().put("node", entry.announcement().node())
                .put("mode", entry.announcement().mode().name()).put("lastSeen", entry.lastSeen().toString())
                .put("workers", entry.announcement().toJson().getJsonArray("workers"))));
        return json;
    }
}
