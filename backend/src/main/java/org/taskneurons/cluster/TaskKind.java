package org.taskneurons.cluster;

import org.taskneurons.choice.Choice;

/**
 * What a stored task does, by the label the store's {@code kind} column, the leases on the wire
 * and the metrics carry ({@code discover}, {@code train}, {@code noop}, {@code search}).
 */
enum TaskKind implements Choice {
    /** A data set's symbolic regression. */
    DISCOVER,
    /** One training: a data set, model, structure and seed. */
    TRAIN,
    /** A task that only sleeps: for tests and benchmarks of the scheduler. */
    NOOP,
    /** A search's trial or final run. */
    SEARCH;

    /** The kind labelled {@code label}; an unknown label is an error naming the kinds there are. */
    static TaskKind of(String label) {
        return Choice.of(TaskKind.class, label);
    }

    /** Whether a stored kind is this one. */
    boolean is(String kind) {
        return label().equals(kind);
    }
}
