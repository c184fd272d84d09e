package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The softmax cross-entropy of logits, −mean_i log softmax(z_i)[y_i]: logits z (B, C),
 * labels y (B, 1) of class ids as int64.
 */
final class CrossEntropyLoss extends Loss {

    CrossEntropyLoss() {
        super("cross-entropy");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logProbabilities = predictions.singletonOrThrow().logSoftmax(1);
        return logProbabilities.gather(labels.singletonOrThrow(), 1).mean().neg();
    }
}
