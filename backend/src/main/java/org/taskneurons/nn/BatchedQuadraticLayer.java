package org.taskneurons.nn;

/**
 * {@link FusedQuadraticLayer} for K trials side by side (see {@link BatchedLayer}):
 * z = r ⊙ g + s, three {@link BatchedLinearLayer}s in the block's order (W_r, b_r, W_g, b_g,
 * W_b, c).
 */
final class BatchedQuadraticLayer implements BatchedLayer {
    private final BatchedLinearLayer r;
    private final BatchedLinearLayer g;
    private final BatchedLinearLayer s;
    /** Per row of the last forward pass: r, g and x ⊙ x; and scratch for the backward pass. */
    private final double[][] rValues;
    private final double[][] gValues;
    private final double[][] squares;
    private final double[][] delta;
    private final double[][] squaresGradient;

    BatchedQuadraticLayer(int inputs, int units, int offset, int capacity, int trials) {
        int part = units * inputs + units;
        r = BatchedLinearLayer.at(inputs, units, offset, trials);
        g = BatchedLinearLayer.at(inputs, units, offset + part, trials);
        s = BatchedLinearLayer.at(inputs, units, offset + 2 * part, trials);
        rValues = BatchedLayer.rows(capacity * units, trials);
        gValues = BatchedLayer.rows(capacity * units, trials);
        squares = BatchedLayer.rows(capacity * inputs, trials);
        delta = BatchedLayer.rows(capacity * units, trials);
        squaresGradient = BatchedLayer.rows(capacity * inputs, trials);
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
    public void forward(double[][] p, double[][] x, int rows, double[][] z) {
        r.forward(p, x, rows, rValues);
        g.forward(p, x, rows, gValues);
        for (int i = 0; i < rows * inputs(); i++) {
            double[] square = squares[i];
            double[] value = x[i];
            for (int t = 0; t < square.length; t++) {
                square[t] = value[t] * value[t];
            }
        }
        s.forward(p, squares, rows, z);
        for (int i = 0; i < rows * units(); i++) {
            BatchedLinearLayer.addProduct(z[i], rValues[i], gValues[i]);
        }
    }

    @Override
    public void backward(double[][] p, double[][] x, int rows, double[][] dz, double[][] gradients, double[][] dx) {
        int outputs = rows * units();
        // dL/dr = dz ⊙ g, then dL/dg = dz ⊙ r in the same scratch.
        product(dz, gValues, outputs);
        r.backward(p, x, rows, delta, gradients, dx);
        product(dz, rValues, outputs);
        g.backward(p, x, rows, delta, gradients, dx);
        if (dx == null) {
            s.backward(p, squares, rows, dz, gradients, null);
            return;
        }
        int cells = rows * inputs();
        BatchedLayer.clear(squaresGradient, cells);
        s.backward(p, squares, rows, dz, gradients, squaresGradient);
        for (int i = 0; i < cells; i++) {
            double[] sum = dx[i];
            double[] value = x[i];
            double[] gradient = squaresGradient[i];
            for (int t = 0; t < sum.length; t++) {
                sum[t] += 2 * value[t] * gradient[t];
            }
        }
    }

    /** delta = dz ⊙ factor over the first {@code cells} rows. */
    private void product(double[][] dz, double[][] factor, int cells) {
        for (int i = 0; i < cells; i++) {
            double[] out = delta[i];
            double[] d = dz[i];
            double[] f = factor[i];
            for (int t = 0; t < out.length; t++) {
                out[t] = d[t] * f[t];
            }
        }
    }
}
