package org.taskneurons.nn;

/**
 * z = x Wᵀ + b on the fused path, the building block of the other fused layers: a quadratic
 * neuron is three of them, a task-based layer one over its stacked term features. (K trials
 * side by side run on {@link BatchedLinearLayer}.)
 */
sealed interface FusedLinear extends FusedLayer permits FusedLinearLayer {

    /** W (units, inputs) at {@code weight}, b (units) at {@code bias}, or no bias where {@code bias} is negative. */
    static FusedLinear of(int inputs, int units, int weight, int bias) {
        return new FusedLinearLayer(inputs, units, weight, bias);
    }

    /** A layer whose weight starts at {@code offset} and whose bias follows it, the order of {@link LinearNeuronLayer}. */
    static FusedLinear at(int inputs, int units, int offset) {
        return of(inputs, units, offset, offset + units * inputs);
    }

    /** z += x Wᵀ (+ b): for layers that sum several linear parts. */
    void addForward(double[] parameters, double[] x, int rows, double[] z);
}
