package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The mean squared error mean((ŷ − y)²) over all rows and targets: predictions and labels
 * (B, k). DJL's {@code L2Loss} is half of it.
 */
final class MeanSquaredErrorLoss extends Loss {

    MeanSquaredErrorLoss() {
        super("mse");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return predictions.singletonOrThrow().sub(labels.singletonOrThrow()).square().mean();
    }
}
