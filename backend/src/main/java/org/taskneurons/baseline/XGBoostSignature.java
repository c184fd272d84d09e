package org.taskneurons.baseline;

import java.util.List;
import java.util.Objects;
import org.taskneurons.data.TaskKind;

/**
 * What a booster alone does not record and a saved model needs to be used again: the task,
 * the feature columns it expects in order, the class labels behind its class ids, and the
 * number of boosting rounds to predict with (fewer than were trained after early stopping).
 * Stored as JSON in one booster attribute, so a saved model stays a single XGBoost file.
 */
record XGBoostSignature(TaskKind kind, List<String> featureNames, List<String> classLabels, int rounds) {

    XGBoostSignature {
        Objects.requireNonNull(kind, "kind");
        featureNames = List.copyOf(featureNames);
        classLabels = List.copyOf(classLabels);
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
        }
        if ((kind == TaskKind.CLASSIFICATION) != (classLabels.size() >= 2)) {
            throw new IllegalArgumentException(kind + " with class labels " + classLabels);
        }
    }

    /** The trees grown per round: one per class for softmax, one otherwise. */
    int treesPerRound() {
        return classLabels.size() > 2 ? classLabels.size() : 1;
    }
}
