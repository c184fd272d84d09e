package org.taskneurons.nn;

/** Told after every epoch of training; it runs on the training thread, so it should return quickly. */
@FunctionalInterface
public interface EpochListener {
    EpochListener NONE = report -> { };

    void epochEnded(EpochReport report);
}
