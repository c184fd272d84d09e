package org.taskneurons.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A node telling the scheduler it is alive and what it has ({@link Addresses#SCHEDULER_ANNOUNCE},
 * every few seconds); the scheduler drops nodes it has not heard from for a while.
 */
record NodeAnnouncement(String node, NodeMode mode, List<WorkerInfo> workers) {

    NodeAnnouncement {
        workers = List.copyOf(workers);
    }

    /**
     * One worker of the node.
     *
     * @param slots task slots (CPU and GPU)
     * @param busy  slots running a task now
     */
    record WorkerInfo(String id, int slots, int busy, List<DeviceInfo> devices) {
        WorkerInfo {
            devices = List.copyOf(devices);
        }

        JsonObject toJson() {
            return new JsonObject().put("id", id).put("slots", slots).put("busy", busy)
                    .put("devices", new JsonArray(devices.stream().map(DeviceInfo::toJson).toList()));
        }

        static WorkerInfo fromJson(JsonObject json) {
            return new WorkerInfo(Wire.text(json, "id"), json.getInteger("slots", 0), json.getInteger("busy", 0),
                    json.getJsonArray("devices", new JsonArray()).stream()
                            .map(device -> DeviceInfo.fromJson((JsonObject) device)).toList());
        }
    }

    /**
     * A device a worker runs tasks on.
     *
     * @param kind        {@code gpu} or {@code cpu}
     * @param memoryBytes the device's memory (for the CPU, the JVM's maximum heap); -1 where unknown
     */
    record DeviceInfo(String kind, String name, long memoryBytes) {
        JsonObject toJson() {
            return new JsonObject().put("kind", kind).put("name", name).put("memoryBytes", memoryBytes);
        }

        static DeviceInfo fromJson(JsonObject json) {
            return new DeviceInfo(Wire.text(json, "kind"), Wire.text(json, "name"), json.getLong("memoryBytes", -1L));
        }
    }

    JsonObject toJson() {
        return Wire.message().put("node", node).put("mode", mode.name())
                .put("workers", new JsonArray(workers.stream().map(WorkerInfo::toJson).toList()));
    }

    static NodeAnnouncement fromJson(JsonObject json) {
        Wire.checked(json, "announcement");
        return new NodeAnnouncement(Wire.text(json, "node"), NodeMode.valueOf(Wire.text(json, "mode")),
                json.getJsonArray("workers", new JsonArray()).stream()
                        .map(worker -> WorkerInfo.fromJson((JsonObject) worker)).toList());
    }
}
