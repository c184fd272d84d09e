package org.taskneurons.nn;

/**
 * What one way of training ({@link TrainingEngine}) does per epoch; {@link Training} runs the
 * epochs around it: the row order, reports, early stopping and cancellation.
 *
 * <p><b>Zero-gradient rule</b>, the same on every path: until the first step of a run with any
 * non-zero gradient element (NaN counts as non-zero), a step whose gradients are all exactly zero
 * is skipped, so that an optimizer's state (Adam's step count, its moments) starts with the first
 * step that moves something; this is a network dead at its initial weights, every ReLU unit at 0
 * and the residuals cancelling. From then on every step is taken, zero gradients or not. A step
 * with non-zero gradients that sum to zero is taken. {@code FusedTrainingTest} fails if the paths
 * drift apart on this.
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

    /**
     * Continues from a checkpoint of this path: its parameters and optimizer state.
     *
     * @throws IllegalArgumentException when the checkpoint holds another number of parameters
     */
    void restore(TrainingCheckpoint checkpoint);

    /** Where the run stands after {@code epochs} epochs. */
    TrainingCheckpoint checkpoint(int epochs);
}
