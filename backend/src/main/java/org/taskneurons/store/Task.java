package org.taskneurons.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored task.
 *
 * @param id             assigned by the store on submit (a UUID)
 * @param key            unique within its experiment, as the draft named it
 * @param attempt        how many times it has been leased; 0 before the first lease
 * @param leaseOwner     the worker of the latest lease; kept after the lease ends, for
 *                       diagnosis, and empty before the first lease
 * @param leaseExpiresAt when the current lease runs out; empty unless RUNNING
 * @param dependsOn      ids of the tasks that must be DONE before this one is queued
 * @param error          the last error (a worker's failure, a lease expiry, a failed
 *                       dependency, a cancellation); kept when the task is retried
 */
public record Task(
        String id, String experimentId, String key, String kind, TaskState state,
        int attempt, int maxAttempts, Optional<String> leaseOwner, Optional<Instant> leaseExpiresAt,
        List<String> dependsOn, boolean requiresGpu, String inputJson, Optional<String> error,
        Instant createdAt, Instant updatedAt) {

    public Task {
        Require.present("id", id);
        Require.present("experimentId", experimentId);
        Require.present("key", key);
        Require.present("kind", kind);
        Require.present("state", state);
        Require.present("leaseOwner", leaseOwner);
        Require.present("leaseExpiresAt", leaseExpiresAt);
        dependsOn = List.copyOf(Require.present("dependsOn", dependsOn));
        Require.present("inputJson", inputJson);
        Require.present("error", error);
        Require.present("createdAt", createdAt);
        Require.present("updatedAt", updatedAt);
    }
}
