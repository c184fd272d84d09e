package org.taskneurons.nn;

/**
 * What one way of training ({@link TrainingEngine}) does per epoch; {@link Training} runs the
 * epochs around it: the row order, reports, early stopping and cancellation.
 */
interface TrainingPath {

    /** One optimizer step per batch over the training rows in {@code order}; the mean loss per row. */
    double trainEpoch(int[] order);

    /** The validation loss and metric (MSE, or accuracy for classification) with the current parameters. */
    double[] validate();

    /** Remembers the current parameters as the best so far. */
    void keepBest();

    /** Puts the remembered parameters back. */
    void restoreBest();
}
