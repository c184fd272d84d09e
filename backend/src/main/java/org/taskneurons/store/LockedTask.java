package org.taskneurons.store;

/**
 * The fields of a task that decide a transition, read while its experiment's row is locked,
 * so they cannot change before the transaction ends (a lease only takes QUEUED tasks, and a
 * heartbeat only moves the expiry).
 *
 * @param leaseOwner     null before the first lease
 * @param leaseExpiresAt epoch milliseconds; null unless RUNNING
 * @param hasDependents  whether other tasks wait for this one
 */
record LockedTask(
        String id, String experimentId, String key, String kind, TaskState state, int attempt, int maxAttempts,
        String leaseOwner, Long leaseExpiresAt, boolean hasDependents) {

    /** Whether {@code worker} holds the lease of {@code attempt} right now. */
    boolean isHeldBy(String worker, int attempt) {
        return state == TaskState.RUNNING && attempt == this.attempt && worker.equals(leaseOwner);
    }

    boolean hasAttemptsLeft() {
        return attempt < maxAttempts;
    }
}
