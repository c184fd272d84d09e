package org.taskneurons.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.TaskKind;

class MetricsTest {

    static Stream<Arguments> regressionCases() {
        return Stream.of(
                // truth, predicted, mse, rmse, mae, r2 (the first is scikit-learn's documented example)
                Arguments.of(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0.0, 2, 8},
                        0.375, Math.sqrt(0.375), 0.5, 0.9486081370449679),
                Arguments.of(new double[] {1, 2, 3}, new double[] {1, 2, 3}, 0.0, 0.0, 0.0, 1.0),
                // predicting the mean explains nothing
                Arguments.of(new double[] {1, 2, 3, 4}, new double[] {2.5, 2.5, 2.5, 2.5}, 1.25, Math.sqrt(1.25), 1.0,
                        0.0),
                // worse than the mean: R² below 0; errors 2, -2
                Arguments.of(new double[] {1, 3}, new double[] {3, 1}, 4.0, 2.0, 2.0, -3.0),
                // a constant truth leaves R² undefined
                Arguments.of(new double[] {5, 5}, new double[] {4, 6}, 1.0, 1.0, 1.0, Double.NaN));
    }

    @ParameterizedTest
    @MethodSource("regressionCases")
    void regressionMetricsMatchHandComputedValues(double[] truth, double[] predicted, double mse, double rmse,
                                                   double mae, double r2) {
        Map<String, Double> values = Metrics.regression(truth, predicted);

        assertThat(values.keySet()).containsExactly("mse", "rmse", "mae", "r2");
        assertThat(values.get("mse")).isCloseTo(mse, within(1e-15));
        assertThat(values.get("rmse")).isCloseTo(rmse, within(1e-15));
        assertThat(values.get("mae")).isCloseTo(mae, within(1e-15));
        if (Double.isNaN(r2)) {
            assertThat(values.get("r2")).isNaN();
        } else {
            assertThat(values.get("r2")).isCloseTo(r2, within(1e-15));
        }
        assertThat(Metrics.rmse(truth, predicted)).isEqualTo(values.get("rmse"));
    }

    static Stream<Arguments> labelCases() {
        return Stream.of(
                // truth, predicted, classes, accuracy, macro-F1
                // scikit-learn's f1_score example: per-class F1 0.8, 0, 0
                Arguments.of(new double[] {0, 1, 2, 0, 1, 2}, new double[] {0, 2, 1, 0, 0, 1}, 3, 2 / 6.0, 0.8 / 3),
                // classes 2 and 3 occur nowhere and are left out: (2/3 + 4/5) / 2, not / 4
                Arguments.of(new double[] {0, 1, 0, 1}, new double[] {0, 1, 1, 1}, 4, 0.75, (2 / 3.0 + 0.8) / 2),
                // class 2 is predicted but never true: it counts, with F1 0
                Arguments.of(new double[] {0, 0, 1, 1}, new double[] {0, 2, 1, 1}, 3, 0.75, (2 / 3.0 + 1 + 0) / 3),
                Arguments.of(new double[] {1, 1, 1}, new double[] {1, 1, 1}, 2, 1.0, 1.0),
                Arguments.of(new double[] {0, 1}, new double[] {1, 0}, 2, 0.0, 0.0));
    }

    @ParameterizedTest
    @MethodSource("labelCases")
    void accuracyAndMacroF1MatchHandComputedValues(double[] truth, double[] predicted, int classes, double accuracy,
                                                   double macroF1) {
        assertThat(Metrics.accuracy(truth, predicted)).isCloseTo(accuracy, within(1e-15));
        assertThat(Metrics.macroF1(truth, predicted, classes)).isCloseTo(macroF1, within(1e-15));
    }

    static Stream<Arguments> binaryAucCases() {
        return Stream.of(
                // truth, P(class 1), AUC
                // scikit-learn's roc_auc_score example
                Arguments.of(new double[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8}, 0.75),
                // ties between a positive and negatives count one half: (2 + 3 + 1) / 9
                Arguments.of(new double[] {0, 0, 1, 1, 1, 0}, new double[] {0.5, 0.5, 0.5, 0.9, 0.2, 0.1}, 6 / 9.0),
                Arguments.of(new double[] {0, 1, 0, 1}, new double[] {0.3, 0.3, 0.3, 0.3}, 0.5),
                Arguments.of(new double[] {0, 0, 1}, new double[] {0.1, 0.2, 0.9}, 1.0),
                Arguments.of(new double[] {1, 1, 0}, new double[] {0.1, 0.2, 0.9}, 0.0),
                // without a negative row the AUC is undefined
                Arguments.of(new double[] {1, 1}, new double[] {0.1, 0.2}, Double.NaN),
                Arguments.of(new double[] {0, 1}, new double[] {Double.NaN, 0.2}, Double.NaN));
    }

    @ParameterizedTest
    @MethodSource("binaryAucCases")
    void binaryAucIsTheMannWhitneyStatisticWithHalfTies(double[] truth, double[] positiveProbability, double auc) {
        double[][] probabilities = new double[truth.length][];
        for (int i = 0; i < truth.length; i++) {
            probabilities[i] = new double[] {1 - positiveProbability[i], positiveProbability[i]};
        }
        if (Double.isNaN(auc)) {
            assertThat(Metrics.rocAuc(truth, probabilities)).isNaN();
        } else {
            assertThat(Metrics.rocAuc(truth, probabilities)).isCloseTo(auc, within(1e-15));
        }
    }

    @Test
    void multiclassAucIsTheMeanOfOneVersusRestOverPresentClasses() {
        double[] truth = {0, 1, 2, 2, 1, 0};
        double[][] probabilities = {{0.6, 0.3, 0.1}, {0.2, 0.5, 0.3}, {0.1, 0.2, 0.7}, {0.3, 0.3, 0.4},
                {0.4, 0.4, 0.2}, {0.5, 0.1, 0.4}};
        // classes 0 and 1 separate perfectly; class 2: (4 + 3.5) / 8
        assertThat(Metrics.rocAuc(truth, probabilities)).isCloseTo((1 + 1 + 0.9375) / 3, within(1e-15));

        double[][] withAbsentClass = new double[truth.length][];
        for (int i = 0; i < truth.length; i++) {
            withAbsentClass[i] = new double[] {probabilities[i][0], probabilities[i][1], probabilities[i][2], 0};
        }
        assertThat(Metrics.rocAuc(truth, withAbsentClass)).isCloseTo((1 + 1 + 0.9375) / 3, within(1e-15));
    }

    @Test
    void datasetMetricsFollowTheTaskInReportOrder() {
        Dataset regression = Dataset.of("r", List.of("x"), new double[][] {{0, 1, 2, 3}}, new double[] {3, -0.5, 2, 7},
                "y", TaskKind.REGRESSION, List.of());
        assertThat(Metrics.of(regression, Predictions.regression(new double[] {2.5, 0.0, 2, 8})))
                .containsExactly(Map.entry("mse", 0.375), Map.entry("rmse", Math.sqrt(0.375)), Map.entry("mae", 0.5),
                        Map.entry("r2", 0.9486081370449679));

        Dataset classes = Dataset.of("c", List.of("x"), new double[][] {{0, 1, 2, 3}}, new double[] {0, 0, 1, 1},
                "y", TaskKind.CLASSIFICATION, List.of("no", "yes"));
        Predictions predicted = Predictions.classification(new double[][] {{0.9, 0.1}, {0.6, 0.4}, {0.65, 0.35},
                {0.2, 0.8}});
        Map<String, Double> values = Metrics.of(classes, predicted);
        assertThat(values.keySet()).containsExactly("accuracy", "macro_f1", "roc_auc");
        // predicted 0, 0, 0, 1: F1 of class 0 is 4/5, of class 1 is 2/3
        assertThat(values.get("accuracy")).isEqualTo(0.75);
        assertThat(values.get("macro_f1")).isCloseTo((0.8 + 2 / 3.0) / 2, within(1e-15));
        assertThat(values.get("roc_auc")).isEqualTo(0.75);
        assertThatThrownBy(() -> values.put("mse", 0.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badInputsAreRejectedWithTheOffendingValue() {
        Dataset classes = Dataset.of("c", List.of("x"), new double[][] {{0, 1}}, new double[] {0, 1}, "y",
                TaskKind.CLASSIFICATION, List.of("no", "yes"));
        assertThatThrownBy(() -> Metrics.mse(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("truth has 2 rows, the predictions 1");
        assertThatThrownBy(() -> Metrics.regression(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no rows to measure");
        assertThatThrownBy(() -> Metrics.of(classes, Predictions.regression(new double[] {0, 1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need class probabilities");
        assertThatThrownBy(() -> Metrics.of(classes, Predictions.classification(new double[][] {{1, 0, 0}, {0, 1, 0}})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'c' has 2 classes, the predictions give probabilities for 3");
        assertThatThrownBy(() -> Metrics.macroF1(new double[] {0, 1.5}, new double[] {0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("true class id at row 1 is not an integer in [0, 2): 1.5");
        assertThatThrownBy(() -> Metrics.macroF1(new double[] {0, 1}, new double[] {0, 2}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("predicted class id at row 1 is not an integer in [0, 2): 2.0");
    }

    @Test
    void metricKeysAndDirectionsAreThoseOfTheReports() {
        assertThat(Metric.of(TaskKind.REGRESSION)).extracting(Metric::key).containsExactly("mse", "rmse", "mae", "r2");
        assertThat(Metric.of(TaskKind.CLASSIFICATION)).extracting(Metric::key)
                .containsExactly("accuracy", "macro_f1", "roc_auc");
        assertThat(Metric.of("mae").isBetter(0.1, 0.2)).isTrue();
        assertThat(Metric.of("r2").isBetter(0.1, 0.2)).isFalse();
        assertThatThrownBy(() -> Metric.of("f1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown metric 'f1'; known: mse, rmse, mae, r2, accuracy, macro_f1, roc_auc");
    }
}
