package org.taskneurons.sr;

import java.util.Arrays;

/**
 * Expands a polynomial subtree of a program into its coefficients a_0..a_d, so that its
 * vectorized value is Σ_k a_k s_k with the power sums s_k computed once per data set: the
 * cost no longer depends on the number of rows or inputs. One expander per thread.
 */
final class PolynomialExpander {
    private final int maxDegree;
    private double[][] slots = new double[0][];
    private int[] degrees = new int[0];

    PolynomialExpander(int maxDegree) {
        this.maxDegree = maxDegree;
    }

    int maxDegree() {
        return maxDegree;
    }

    /**
     * Coefficients of the subtree rooted at {@code node} (index = power), or null when the
     * subtree is not polynomial or its degree exceeds the maximum. The returned array is a
     * scratch slot: copy it before the next call.
     */
    double[] expand(Program program, int node) {
        int from = program.start(node);
        if (!program.isPolynomial(from, node)) {
            return null;
        }
        ensureSlots(node - from + 1);
        for (int i = from; i <= node; i++) {
            int slot = i - from;
            double[] out = slots[slot];
            Arrays.fill(out, 0.0);
            int degree = switch (program.op(i)) {
                case VAR -> variable(out);
                case CONST -> constant(program.value(i), out);
                case NEG -> negate(slot - 1, out);
                case POW -> power(slot - 1, (int) program.value(i), out);
                case ADD -> combine(leftSlot(program, i, from), slot - 1, 1.0, out);
                case SUB -> combine(leftSlot(program, i, from), slot - 1, -1.0, out);
                case MUL -> multiply(leftSlot(program, i, from), slot - 1, out);
                default -> throw new IllegalStateException("not polynomial: " + program.op(i));
            };
            if (degree > maxDegree) {
                return null;
            }
            degrees[slot] = degree;
        }
        return slots[node - from];
    }

    /** Degree of the last expansion's result. */
    int degree(Program program, int node) {
        return degrees[node - program.start(node)];
    }

    private static int leftSlot(Program program, int i, int from) {
        return i - 1 - program.length(i - 1) - from;
    }

    private static int variable(double[] out) {
        out[1] = 1.0;
        return 1;
    }

    private static int constant(double value, double[] out) {
        out[0] = value;
        return 0;
    }

    private int negate(int a, double[] out) {
        for (int k = 0; k <= degrees[a]; k++) {
            out[k] = -slots[a][k];
        }
        return degrees[a];
    }

    private int combine(int a, int b, double sign, double[] out) {
        int degree = Math.max(degrees[a], degrees[b]);
        for (int k = 0; k <= degrees[a]; k++) {
            out[k] = slots[a][k];
        }
        for (int k = 0; k <= degrees[b]; k++) {
            out[k] += sign * slots[b][k];
        }
        return trim(out, degree);
    }

    private int multiply(int a, int b, double[] out) {
        int degree = degrees[a] + degrees[b];
        if (degree > maxDegree) {
            return degree;
        }
        for (int i = 0; i <= degrees[a]; i++) {
            double ai = slots[a][i];
            if (ai != 0.0) {
                for (int j = 0; j <= degrees[b]; j++) {
                    out[i + j] += ai * slots[b][j];
                }
            }
        }
        return trim(out, degree);
    }

    private int power(int a, int exponent, double[] out) {
        int degree = degrees[a] * exponent;
        if (degree > maxDegree) {
            return degree;
        }
        double[] result = new double[maxDegree + 1];
        double[] next = new double[maxDegree + 1];
        result[0] = 1.0;
        int resultDegree = 0;
        for (int e = 0; e < exponent; e++) {
            Arrays.fill(next, 0.0);
            for (int i = 0; i <= resultDegree; i++) {
                for (int j = 0; j <= degrees[a]; j++) {
                    next[i + j] += result[i] * slots[a][j];
                }
            }
            resultDegree += degrees[a];
            double[] swap = result;
            result = next;
            next = swap;
        }
        System.arraycopy(result, 0, out, 0, resultDegree + 1);
        return trim(out, resultDegree);
    }

    /** Cancelled leading terms (x − x) lower the degree. */
    private static int trim(double[] coefficients, int degree) {
        while (degree > 0 && coefficients[degree] == 0.0) {
            degree--;
        }
        return degree;
    }

    private void ensureSlots(int size) {
        if (slots.length < size) {
            int grown = Math.max(size, slots.length * 2);
            slots = new double[grown][maxDegree + 1];
            degrees = new int[grown];
        }
    }
}
