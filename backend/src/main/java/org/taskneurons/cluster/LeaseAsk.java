package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;

/**
 * A worker's free slot asking the scheduler for a task ({@link Addresses#SCHEDULER_LEASE});
 * the reply is a {@link LeaseGrant}.
 *
 * @param worker the worker's id, unique in the cluster
 * @param node   the worker's node
 * @param hasGpu whether the slot is a GPU slot (it may take GPU tasks, and takes them first)
 */
record LeaseAsk(String worker, String node, boolean hasGpu) {

    JsonObject toJson() {
        return Wire.message().put("worker", worker).put("node", node).put("hasGpu", hasGpu);
    }

    static LeaseAsk fromJson(JsonObject json) {
        Wire.checked(json, "lease");
        return new LeaseAsk(Wire.text(json, "worker"), Wire.text(json, "node"), json.getBoolean("hasGpu", false));
    }
}
