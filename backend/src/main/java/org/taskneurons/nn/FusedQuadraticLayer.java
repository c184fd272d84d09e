package org.taskneurons.nn;

import java.util.Arrays;

/**
 * {@link QuadraticNeuronLayer} on the fused path: z = r ⊙ g + s with r = x W_rᵀ + b_r,
 * g = x W_gᵀ + b_g and s = (x ⊙ x) W_bᵀ + c, three linear parts whose parameters follow one
 * another in the block's order (W_r, b_r, W_g, b_g, W_b, c).
 */
final class FusedQuadraticLayer implements FusedLayer {
    private final FusedLinear r;
    private final FusedLinear g;
    private final FusedLinear s;
    /** Per row of the last forward pass: r, g and x ⊙ x; and scratch for the backward pass. */
    private final double[] rValues;
    private final double[] gValues;
    private final double[] squares;
    private final double[] delta;
    private final double[] squaresGradient;

    FusedQuadraticLayer(int inputs, int units, int offset, int capacity) {
        int part = units * inputs + units;
        r = FusedLinear.at(inputs, units, offset);
        g = FusedLinear.at(inputs, units, offset + part);
        s = FusedLinear.at(inputs, units, offset + 2 * part);
        rValues = new double[capacity * units];
        gValues = new double[capacity * units];
        squares = new double[capacity * inputs];
        delta = new double[capacity * units];
        squaresGradient = new double[capacity * inputs];
    }

    @Override
    public int inputs() {
        return r.inputs();
    }

    @Override
    public int units() {
        return r.units();
    }

    @Override
    public void forward(double[] p, double[] x, int rows, double[] z) {
        r.forward(p, x, rows, rValues);
        g.forward(p, x, rows, gValues);
        int cells = rows * inputs();
        for (int i = 0; i < cells; i++) {
            squares[i] = x[i] * x[i];
        }
        s.forward(p, squares, rows, z);
        int outputs = rows * units();
        for (int i = 0; i < outputs; i++) {
            z[i] += rValues[i] * gValues[i];
        }
    }

    @Override
    public void backward(double[] p, double[] x, int rows, double[] dz, double[] gradients, double[] dx) {
        int outputs = rows * units();
        // dL/dr = dz ⊙ g, then dL/dg = dz ⊙ r in the same scratch.
        for (int i = 0; i < outputs; i++) {
            delta[i] = dz[i] * gValues[i];
        }
        r.backward(p, x, rows, delta, gradients, dx);
        for (int i = 0; i < outputs; i++) {
            delta[i] = dz[i] * rValues[i];
        }
        g.backward(p, x, rows, delta, gradients, dx);
        if (dx == null) {
            s.backward(p, squares, rows, dz, gradients, null);
            return;
        }
        int cells = rows * inputs();
        Arrays.fill(squaresGradient, 0, cells, 0.0);
        s.backward(p, squares, rows, dz, gradients, squaresGradient);
        for (int i = 0; i < cells; i++) {
            dx[i] += 2 * x[i] * squaresGradient[i];
        }
    }
}
