package org.taskneurons.evaluation;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.taskneurons.data.Dataset;

/**
 * The {@link Metric}s of predictions against the truth.
 *
 * <p>Inputs must be non-empty and of equal length, and class ids integers in [0, classes);
 * anything else is an {@link IllegalArgumentException} naming the bad value. Predicted values
 * are not checked for finiteness: a model that diverged scores NaN (or infinity), which a
 * report shows as such instead of failing the whole run. A metric that is undefined on the
 * given truth (R² of a constant target, ROC-AUC without both a positive and a negative row)
 * is NaN.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * All metrics of {@code truth}'s task, keyed by {@link Metric#key()} in {@link Metric}
     * order: mse, rmse, mae, r2 for regression; accuracy, macro_f1, roc_auc for classification
     * (whose predictions must carry one probability per class of {@code truth}).
     */
    public static Map<String, Double> of(Dataset truth, Predictions predictions) {
        if (!truth.isClassification()) {
            return regression(truth.target(), predictions.values());
        }
        if (predictions.isClassification() && predictions.rows() > 0
                && predictions.probabilities()[0].length != truth.classCount()) {
            throw new IllegalArgumentException("'" + truth.name() + "' has " + truth.classCount()
                    + " classes, the predictions give probabilities for " + predictions.probabilities()[0].length);
        }
        return classification(truth.target(), predictions);
    }

    /** mse, rmse, mae and r2 of {@code predicted} against {@code truth}, in that order. */
    public static Map<String, Double> regression(double[] truth, double[] predicted) {
        Map<String, Double> values = new LinkedHashMap<>();
        double mse = mse(truth, predicted);
        values.put(Metric.MSE.key(), mse);
        values.put(Metric.RMSE.key(), Math.sqrt(mse));
        values.put(Metric.MAE.key(), mae(truth, predicted));
        values.put(Metric.R2.key(), r2(truth, predicted));
        return Collections.unmodifiableMap(values);
    }

    /**
     * accuracy, macro_f1 and roc_auc of classification predictions against true class ids, in
     * that order; the number of classes is the width of the probability rows.
     */
    public static Map<String, Double> classification(double[] truthIds, Predictions predictions) {
        if (!predictions.isClassification()) {
            throw new IllegalArgumentException("classification metrics need class probabilities, the predictions have "
                    + "only values");
        }
        checkPaired(truthIds, predictions.values());
        int classes = classCount(predictions.probabilities());
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(Metric.ACCURACY.key(), accuracy(truthIds, predictions.values()));
        values.put(Metric.MACRO_F1.key(), macroF1(truthIds, predictions.values(), classes));
        values.put(Metric.ROC_AUC.key(), rocAuc(truthIds, predictions.probabilities()));
        return Collections.unmodifiableMap(values);
    }

    /** Mean squared error, {@code Σ (y - ŷ)² / n}. */
    public static double mse(double[] truth, double[] predicted) {
        checkPaired(truth, predicted);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double error = truth[i] - predicted[i];
            sum += error * error;
        }
        return sum / truth.length;
    }

    /** Root mean squared error, in the target's units. */
    public static double rmse(double[] truth, double[] predicted) {
        return Math.sqrt(mse(truth, predicted));
    }

    /** Mean absolute error, {@code Σ |y - ŷ| / n}. */
    public static double mae(double[] truth, double[] predicted) {
        checkPaired(truth, predicted);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum += Math.abs(truth[i] - predicted[i]);
        }
        return sum / truth.length;
    }

    /**
     * The coefficient of determination {@code 1 - Σ (y - ŷ)² / Σ (y - ȳ)²}: 1 for a perfect
     * fit, 0 for predicting the mean, negative for worse; NaN when the truth is constant.
     */
    public static double r2(double[] truth, double[] predicted) {
        checkPaired(truth, predicted);
        double mean = Arrays.stream(truth).sum() / truth.length;
        double residual = 0;
        double total = 0;
        for (int i = 0; i < truth.length; i++) {
            double error = truth[i] - predicted[i];
            double spread = truth[i] - mean;
            residual += error * error;
            total += spread * spread;
        }
        return total == 0 ? Double.NaN : 1 - residual / total;
    }

    /** The share of rows whose predicted class id equals the true one. */
    public static double accuracy(double[] truthIds, double[] predictedIds) {
        checkPaired(truthIds, predictedIds);
        int correct = 0;
        for (int i = 0; i < truthIds.length; i++) {
            if (truthIds[i] == predictedIds[i]) {
                correct++;
            }
        }
        return (double) correct / truthIds.length;
    }

    /**
     * The unweighted mean over classes of F1 = 2 TP / (2 TP + FP + FN). Classes that occur
     * neither in the truth nor in the predictions are left out of the mean (their F1 is 0/0),
     * as scikit-learn does with its default labels; a class that is predicted but never true,
     * or true but never predicted, counts with F1 = 0.
     */
    public static double macroF1(double[] truthIds, double[] predictedIds, int classCount) {
        checkPaired(truthIds, predictedIds);
        int[] truePositives = new int[classCount];
        int[] trueCounts = new int[classCount];
        int[] predictedCounts = new int[classCount];
        for (int i = 0; i < truthIds.length; i++) {
            int truth = classId(truthIds[i], classCount, "true", i);
            int predicted = classId(predictedIds[i], classCount, "predicted", i);
            trueCounts[truth]++;
            predictedCounts[predicted]++;
            if (truth == predicted) {
                truePositives[truth]++;
            }
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classCount; c++) {
            int denominator = trueCounts[c] + predictedCounts[c];
            if (denominator > 0) {
                sum += 2.0 * truePositives[c] / denominator;
                present++;
            }
        }
        return sum / present;
    }

    /**
     * Area under the ROC curve from class probabilities {@code probabilities[row][class]}.
     *
     * <p>Binary: the probability that a random positive (class 1) row scores higher than a
     * random negative one on the class-1 probability, ties counting one half (the
     * Mann–Whitney U statistic over n₊ n₋, equal to ranking with average ranks for ties);
     * NaN without both classes in the truth. More classes: the unweighted mean of each
     * class's one-vs-rest AUC over the classes present in the truth (others have no positive
     * row); NaN with fewer than two classes present. Any NaN score makes the result NaN.
     */
    public static double rocAuc(double[] truthIds, double[][] probabilities) {
        checkPaired(truthIds, probabilities.length);
        int classes = classCount(probabilities);
        if (classes == 2) {
            return oneVersusRest(truthIds, probabilities, 1);
        }
        double sum = 0;
        int present = 0;
        boolean[] seen = new boolean[classes];
        for (int i = 0; i < truthIds.length; i++) {
            seen[classId(truthIds[i], classes, "true", i)] = true;
        }
        for (int c = 0; c < classes; c++) {
            if (seen[c]) {
                sum += oneVersusRest(truthIds, probabilities, c);
                present++;
            }
        }
        return present < 2 ? Double.NaN : sum / present;
    }

    private static double oneVersusRest(double[] truthIds, double[][] probabilities, int positiveClass) {
        int positives = 0;
        for (int i = 0; i < truthIds.length; i++) {
            if (classId(truthIds[i], probabilities[i].length, "true", i) == positiveClass) {
                positives++;
            }
        }
        double[] positive = new double[positives];
        double[] negative = new double[truthIds.length - positives];
        int p = 0;
        int n = 0;
        for (int i = 0; i < truthIds.length; i++) {
            double score = probabilities[i][positiveClass];
            if (Double.isNaN(score)) {
                return Double.NaN;
            }
            if (truthIds[i] == positiveClass) {
                positive[p++] = score;
            } else {
                negative[n++] = score;
            }
        }
        return positive.length == 0 || negative.length == 0 ? Double.NaN : mannWhitney(positive, negative);
    }

    /** P(positive > negative) + ½ P(positive = negative), by merging the two sorted samples. */
    private static double mannWhitney(double[] positive, double[] negative) {
        Arrays.sort(positive);
        Arrays.sort(negative);
        int below = 0;
        int notAbove = 0;
        double wins = 0;
        for (double score : positive) {
            while (below < negative.length && negative[below] < score) {
                below++;
            }
            notAbove = Math.max(notAbove, below);
            while (notAbove < negative.length && negative[notAbove] <= score) {
                notAbove++;
            }
            wins += below + 0.5 * (notAbove - below);
        }
        return wins / ((double) positive.length * negative.length);
    }

    private static int classCount(double[][] probabilities) {
        if (probabilities.length == 0) {
            throw new IllegalArgumentException("no rows to measure");
        }
        int classes = probabilities[0].length;
        for (int row = 0; row < probabilities.length; row++) {
            if (probabilities[row].length != classes) {
                throw new IllegalArgumentException("probability row " + row + " has " + probabilities[row].length
                        + " classes, row 0 has " + classes);
            }
        }
        return classes;
    }

    private static int classId(double id, int classCount, String which, int row) {
        if (!(id >= 0 && id < classCount && id == Math.rint(id))) {
            throw new IllegalArgumentException(which + " class id at row " + row + " is not an integer in [0, "
                    + classCount + "): " + id);
        }
        return (int) id;
    }

    private static void checkPaired(double[] truth, double[] predicted) {
        checkPaired(truth, predicted.length);
    }

    private static void checkPaired(double[] truth, int predictedRows) {
        if (truth.length != predictedRows) {
            throw new IllegalArgumentException("truth has " + truth.length + " rows, the predictions " + predictedRows);
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("no rows to measure");
        }
    }
}
