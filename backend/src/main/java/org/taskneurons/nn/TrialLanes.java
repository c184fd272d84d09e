package org.taskneurons.nn;

/**
 * What a batched path computes per epoch for K trials side by side, each in its own lane;
 * {@link TrialEpochs} runs the epochs around it: the row orders, the reports, early stopping,
 * divergence and cancellation, per trial.
 */
interface TrialLanes {

    /** One step per batch for every trial, trial k over its training rows in {@code orders[k]}; each trial's mean loss per row. */
    double[] trainEpoch(int[][] orders);

    /** Every trial's validation loss and metric (MSE, or accuracy for classification), [trial][loss, metric]. */
    double[][] validate();

    /** Keeps the current parameters of the trials {@code trials} marks: their best so far, or their last once they stop. */
    void keep(boolean[] trials);
}
