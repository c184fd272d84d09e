package org.taskneurons.nn;

import java.util.Arrays;

/**
 * A layer of neurons for K trials side by side (see {@link BatchedNetwork}): every value of one
 * trial's {@link FusedLayer} becomes a row of K values, one per trial, in an array of its own.
 * Input x is (rows·inputs) such rows, output z (rows·units), row-major; parameter i of the
 * layer's network is row {@code p[i]}, its gradient row {@code gradients[i]}. Every loop over
 * trials thus runs over whole arrays from index 0, the only loops the JIT vectorizes across
 * several arrays, and each trial's arithmetic is that of its own {@link FusedLayer}, in the
 * same order, so that it ends where its own run ends, to the bit.
 */
sealed interface BatchedLayer permits BatchedLinearLayer, BatchedQuadraticLayer, BatchedTaskLayer {

    int inputs();

    int units();

    /** Writes z for the first {@code rows} rows of x; keeps what {@link #backward} needs. */
    void forward(double[][] p, double[][] x, int rows, double[][] z);

    /**
     * Back-propagates dL/dz through the last {@link #forward} on the same x: adds dL/dθ to
     * {@code gradients} and, unless {@code dx} is null, dL/dx to {@code dx}.
     */
    void backward(double[][] p, double[][] x, int rows, double[][] dz, double[][] gradients, double[][] dx);

    /** {@code rows} rows of K zeros. */
    static double[][] rows(int rows, int trials) {
        return new double[rows][trials];
    }

    /** Sets the first {@code count} rows of {@code values} to 0. */
    static void clear(double[][] values, int count) {
        for (int i = 0; i < count; i++) {
            Arrays.fill(values[i], 0.0);
        }
    }
}
