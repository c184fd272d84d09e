package org.taskneurons.nn;

/**
 * A layer of neurons on the fused path (see {@link FusedNetwork}): input x (rows, inputs) and
 * output z (rows, units), row-major in flat arrays. The layer's parameters lie in the
 * network's flat parameter array at offsets the layer knows, in the order of its DJL block's
 * parameters, and its gradients at the same places of the gradient array. ({@link BatchedLayer}
 * is the same for K trials side by side.)
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
