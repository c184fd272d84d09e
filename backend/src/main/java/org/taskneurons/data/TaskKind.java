package org.taskneurons.data;

/** What a data set's target asks for: a number (regression) or a class (classification). */
public enum TaskKind {
    REGRESSION,
    CLASSIFICATION
}
