package org.taskneurons.cluster;

/**
 * What a node runs: {@link #STANDALONE} is the scheduler, the API and workers in one
 * process on a local (non-clustered) Vert.x; {@link #COORDINATOR} the scheduler and the API
 * of a cluster (with workers too when it has slots); {@link #WORKER} workers only, asking a
 * coordinator for tasks over the clustered event bus.
 */
public enum NodeMode {
    STANDALONE,
    COORDINATOR,
    WORKER;

    /** Whether this node schedules tasks and answers the API (and so needs a store). */
    public boolean isScheduler() {
        return this != WORKER;
    }
}
