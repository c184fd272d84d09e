package org.taskneurons.sr;

/**
 * Linear least squares for the outer coefficients of a formula.
 *
 * <p>Two paths: {@link #fromGram} solves the normal equations of a few columns whose Gram matrix
 * is known (fast, used for every candidate during search), with the columns scaled to unit
 * norm and columns that are (numerically) combinations of earlier ones skipped, so duplicate
 * terms never make a candidate fail; {@link #fromColumns} solves the same problem by
 * Householder QR on the columns themselves, which squares no condition number, for the
 * reported formula.
 */
final class LeastSquares {
    /** A column whose scaled residual pivot falls below this is treated as dependent. */
    private static final double PIVOT_TOLERANCE = 1e-11;

    private LeastSquares() {
    }

    /**
     * The fit of y on some columns.
     *
     * @param coefficients one per column, 0 for skipped columns
     * @param rss          residual sum of squares
     * @param rank         number of columns used
     */
    record Fit(double[] coefficients, double rss, int rank) {
    }

    /**
     * Least squares from the Gram matrix {@code gram[a][b] = Σ_i f_a(i) f_b(i)}, the products
     * {@code rhs[a] = Σ_i f_a(i) y_i} and {@code yy = Σ_i y_i²}.
     */
    static Fit fromGram(double[][] gram, double[] rhs, double yy) {
        int p = rhs.length;
        double[] scale = new double[p];
        for (int a = 0; a < p; a++) {
            scale[a] = gram[a][a] > 0 ? 1.0 / Math.sqrt(gram[a][a]) : 0.0;
        }
        double[][] lower = new double[p][p];
        double[] z = new double[p];
        boolean[] used = new boolean[p];
        int rank = 0;
        double explained = 0;
        for (int a = 0; a < p; a++) {
            if (scale[a] == 0.0) {
                continue;
            }
            for (int b = 0; b < a; b++) {
                if (!used[b]) {
                    continue;
                }
                double s = gram[a][b] * scale[a] * scale[b];
                for (int c = 0; c < b; c++) {
                    s -= lower[a][c] * lower[b][c];
                }
                lower[a][b] = s / lower[b][b];
            }
            double pivot = 1.0;
            for (int c = 0; c < a; c++) {
                pivot -= lower[a][c] * lower[a][c];
            }
            if (!(pivot > PIVOT_TOLERANCE)) {
                java.util.Arrays.fill(lower[a], 0.0);
                continue;
            }
            lower[a][a] = Math.sqrt(pivot);
            double s = rhs[a] * scale[a];
            for (int c = 0; c < a; c++) {
                s -= lower[a][c] * z[c];
            }
            z[a] = s / lower[a][a];
            used[a] = true;
            rank++;
            explained += z[a] * z[a];
        }
        double[] coefficients = new double[p];
        for (int a = p - 1; a >= 0; a--) {
            if (!used[a]) {
                continue;
            }
            double s = z[a];
            for (int c = a + 1; c < p; c++) {
                s -= lower[c][a] * coefficients[c];
            }
            coefficients[a] = s / lower[a][a];
        }
        for (int a = 0; a < p; a++) {
            coefficients[a] *= scale[a];
        }
        return new Fit(coefficients, Math.max(0.0, yy - explained), rank);
    }

    /**
     * Least squares of y on the given columns by Householder QR with the columns scaled to unit
     * norm; a column whose remaining norm is negligible gets coefficient 0.
     */
    static Fit fromColumns(double[][] columns, double[] y) {
        int p = columns.length;
        int n = y.length;
        double[][] a = new double[p][];
        double[] scale = new double[p];
        for (int c = 0; c < p; c++) {
            double norm = norm(columns[c], 0);
            scale[c] = norm > 0 ? 1.0 / norm : 0.0;
            a[c] = new double[n];
            for (int i = 0; i < n; i++) {
                a[c][i] = columns[c][i] * scale[c];
            }
        }
        double[] b = y.clone();
        boolean[] used = new boolean[p];
        double[] diagonal = new double[p];
        int row = 0;
        for (int c = 0; c < p && row < n; c++) {
            double norm = norm(a[c], row);
            if (!(norm > Math.sqrt(PIVOT_TOLERANCE)) || scale[c] == 0.0) {
                continue;
            }
            double alpha = a[c][row] > 0 ? -norm : norm;
            double[] v = a[c];
            v[row] -= alpha;
            double vv = 0;
            for (int i = row; i < n; i++) {
                vv += v[i] * v[i];
            }
            for (int d = c + 1; d < p; d++) {
                reflect(v, a[d], row, vv);
            }
            reflect(v, b, row, vv);
            diagonal[c] = alpha;
            used[c] = true;
            // Column c now stores its Householder vector below the diagonal; remember R's row.
            a[c] = rowOfR(a, c, row, p, alpha);
            row++;
        }
        double[] coefficients = new double[p];
        int[] rowOf = new int[p];
        int r = 0;
        for (int c = 0; c < p; c++) {
            rowOf[c] = used[c] ? r++ : -1;
        }
        for (int c = p - 1; c >= 0; c--) {
            if (!used[c]) {
                continue;
            }
            double s = b[rowOf[c]];
            for (int d = c + 1; d < p; d++) {
                if (used[d]) {
                    s -= a[c][d] * coefficients[d];
                }
            }
            coefficients[c] = s / diagonal[c];
        }
        double rss = 0;
        for (int i = row; i < n; i++) {
            rss += b[i] * b[i];
        }
        for (int c = 0; c < p; c++) {
            coefficients[c] *= scale[c];
        }
        return new Fit(coefficients, rss, row);
    }

    /** Row {@code row} of R to the right of column c, indexed by column. */
    private static double[] rowOfR(double[][] a, int c, int row, int p, double alpha) {
        double[] r = new double[p];
        for (int d = c + 1; d < p; d++) {
            r[d] = a[d][row];
        }
        r[c] = alpha;
        return r;
    }

    private static void reflect(double[] v, double[] x, int from, double vv) {
        if (vv == 0.0) {
            return;
        }
        double dot = 0;
        for (int i = from; i < x.length; i++) {
            dot += v[i] * x[i];
        }
        double f = 2.0 * dot / vv;
        for (int i = from; i < x.length; i++) {
            x[i] -= f * v[i];
        }
    }

    private static double norm(double[] x, int from) {
        double scale = 0;
        for (int i = from; i < x.length; i++) {
            scale = Math.max(scale, Math.abs(x[i]));
        }
        if (scale == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < x.length; i++) {
            double t = x[i] / scale;
            sum += t * t;
        }
        return scale * Math.sqrt(sum);
    }
}
