package org.taskneurons.nn;

/**
 * z = x Wᵀ + b on the fused path, the building block of the other fused layers: a quadratic
 * neuron is three of them, a task-based layer one over its stacked term features. One trial
 * runs on {@link FusedLinearLayer}, whose sums stay in registers; K trials on
 * {@link BatchedLinearLayer}, whose loops run over the trials.
 */
sealed interface FusedLinear extends FusedLayer permits FusedLinearLayer, BatchedLinearLayer {

    /**
     * W (units, inputs) at {@code weight}, b (units) at {@code bias}, or no bias where
     * {@code bias} is negative, for {@code trials} trials side by side.
     */
    static FusedLinear of(int inputs, int units, int weight, int bias, int trials) {
        return trials == 1
                ? new FusedLinearLayer(inputs, units, weight, bias)
                : new BatchedLinearLayer(inputs, units, weight, bias, trials);
    }

    /** A layer whose weight starts at {@code offset} and whose bias follows it, the order of {@link LinearNeuronLayer}. */
    static FusedLinear at(int inputs, int units, int offset, int trials) {
        return of(inputs, units, offset, offset + units * inputs, trials);
    }

    /** z += x Wᵀ (+ b): for layers that sum several linear parts. */
    void addForward(double[] parameters, double[] x, int rows, double[] z);
}
