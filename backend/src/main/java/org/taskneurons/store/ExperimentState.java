package org.taskneurons.store;

/**
 * Where an experiment is: {@code ACTIVE} while any task is unfinished, then {@code DONE}
 * when every task is DONE, {@code FAILED} when some failed or were cancelled because a
 * dependency failed, or {@code CANCELLED} when a user cancelled it.
 */
public enum ExperimentState {
    ACTIVE,
    DONE,
    FAILED,
    CANCELLED;

    public boolean isFinished() {
        return this != ACTIVE;
    }
}
