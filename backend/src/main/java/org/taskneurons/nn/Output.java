package org.taskneurons.nn;

import java.util.Objects;
import org.taskneurons.data.TaskKind;

/**
 * What a network's last layer produces: k regression targets, or the logits of C classes
 * (the softmax is part of the loss and of prediction, not of the network).
 *
 * @param kind regression or classification
 * @param size the number of targets (at least 1) or of classes (at least 2); the output layer's width
 */
public record Output(TaskKind kind, int size) {

    public Output {
        Objects.requireNonNull(kind, "kind");
        int least = kind == TaskKind.CLASSIFICATION ? 2 : 1;
        if (size < least) {
            throw new IllegalArgumentException("output size of " + kind + " must be at least " + least + ": " + size);
        }
    }

    public static Output regression(int targets) {
        return new Output(TaskKind.REGRESSION, targets);
    }

    public static Output classification(int classes) {
        return new Output(TaskKind.CLASSIFICATION, classes);
    }

    public boolean isClassification() {
        return kind == TaskKind.CLASSIFICATION;
    }
}
