package org.taskneurons.nn;

/**
 * A layer of neurons on the fused path (see {@link FusedNetwork}) for one trial or for K
 * trials side by side: input x (rows, inputs, K) and output z (rows, units, K), row-major in
 * flat arrays, so cell i of trial t lies at {@code i·K + t} (K = 1 for a single run). The
 * layer's parameters lie in the network's flat parameter array, (count, K) the same way, at
 * offsets the layer knows, in the order of its DJL block's parameters, and its gradients at
 * the same places of the gradient array. Each trial's arithmetic runs in the same order
 * whatever K is, so a trial of a batched run ends where its own run would, to the bit.
 */
sealed interface FusedLayer permits FusedLinear, FusedQuadraticLayer, FusedTaskLayer {

    int inputs();

    int units();

    /** Writes z for the first {@code rows} rows of x; keeps what {@link #backward} needs. */
    void forward(double[] parameters, double[] x, int rows, double[] z);

    /**
     * Back-propagates dL/dz (rows, units) through the last {@link #forward} on the same x: adds
     * dL/dθ to {@code gradients} and, unless {@code dx} is null, dL/dx to {@code dx}.
     */
    void backward(double[] parameters, double[] x, int rows, double[] dz, double[] gradients, double[] dx);
}
