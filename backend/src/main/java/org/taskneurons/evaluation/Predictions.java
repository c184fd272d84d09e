package org.taskneurons.evaluation;

import java.util.Arrays;

/**
 * What a model predicts for a set of rows: for regression the predicted values; for
 * classification the predicted class ids (as doubles) and the class probabilities.
 *
 * @param values        one value per row: the prediction, or the predicted class id
 * @param probabilities classification only: {@code probabilities[row][class]}, each row summing
 *                      to 1; null for regression
 */
public record Predictions(double[] values, double[][] probabilities) {

    public Predictions {
        if (values == null) {
            throw new IllegalArgumentException("values must not be null");
        }
        if (probabilities != null && probabilities.length != values.length) {
            throw new IllegalArgumentException("probabilities for " + probabilities.length + " rows, values for "
                    + values.length);
        }
    }

    public static Predictions regression(double[] values) {
        return new Predictions(values, null);
    }

    /** Class ids are the most probable class of each row (the first on ties). */
    public static Predictions classification(double[][] probabilities) {
        double[] ids = new double[probabilities.length];
        for (int row = 0; row < probabilities.length; row++) {
            int best = 0;
            for (int c = 1; c < probabilities[row].length; c++) {
                if (probabilities[row][c] > probabilities[row][best]) {
                    best = c;
                }
            }
            ids[row] = best;
        }
        return new Predictions(ids, probabilities);
    }

    public boolean isClassification() {
        return probabilities != null;
    }

    public int rows() {
        return values.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Predictions p && Arrays.equals(values, p.values)
                && Arrays.deepEquals(probabilities, p.probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Arrays.deepHashCode(probabilities);
    }

    @Override
    public String toString() {
        return "Predictions[" + values.length + " rows" + (isClassification() ? ", " + probabilities[0].length + " classes]" : "]");
    }
}
