package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;

/**
 * A worker's free slot asking the scheduler for work ({@link Addresses#SCHEDULER_LEASE});
 * the reply is a {@link LeaseGrant}.
 *
 * @param worker     the worker's id, unique in the cluster
 * @param node       the worker's node
 * @param hasGpu     whether the slot is a GPU slot (it may take GPU tasks, and takes them first)
 * @param bundleSize the most tasks the slot takes at once, as one bundle ({@link NodeConfig#bundleSize})
 */
record LeaseAsk(String worker, String node, boolean hasGpu, int bundleSize) {

    JsonObject toJson() {
        return Wire.message().put("worker", worker).put("node", node).put("hasGpu", hasGpu).put("bundleSize", bundleSize);
    }

    static LeaseAsk fromJson(JsonObject json) {
        Wire.checked(json, "lease");
        return new LeaseAsk(Wire.text(json, "worker"), Wire.text(json, "node"), json.getBoolean("hasGpu", false),
                json.getInteger("bundleSize", 1));
    }
}
