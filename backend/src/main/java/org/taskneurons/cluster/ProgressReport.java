package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;

/**
 * One point of a running task's curve ({@link Addresses#SCHEDULER_PROGRESS}, fire and forget):
 * {@code best_mse} by generation for a discovery; {@code train_loss}, {@code val_loss} and
 * {@code val_<metric>} by epoch for a training.
 */
record ProgressReport(String taskId, String experimentId, String key, String kind, String series, double x, double y) {

    JsonObject toJson() {
        return Wire.message().put("taskId", taskId).put("experimentId", experimentId).put("key", key).put("kind", kind)
                .put("series", series).put("x", x).put("y", y);
    }

    /** The form published on {@code tn.progress.<experimentId>}. */
    JsonObject toEvent() {
        return toJson();
    }

    static ProgressReport fromJson(JsonObject json) {
        Wire.checked(json, "progress");
        return new ProgressReport(Wire.text(json, "taskId"), Wire.text(json, "experimentId"), Wire.text(json, "key"),
                Wire.text(json, "kind"), Wire.text(json, "series"), json.getDouble("x"), json.getDouble("y"));
    }
}
