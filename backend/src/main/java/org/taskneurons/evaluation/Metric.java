package org.taskneurons.evaluation;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.taskneurons.data.TaskKind;

/**
 * The quality measures reported for a model on test data, each with the task it applies to
 * and the direction that counts as better. {@link Metrics} computes them; the keys
 * ({@code "mse"}, {@code "accuracy"}, ...) name them in reports, files and JSON.
 */
public enum Metric {
    MSE("mse", TaskKind.REGRESSION, true),
    RMSE("rmse", TaskKind.REGRESSION, true),
    MAE("mae", TaskKind.REGRESSION, true),
    R2("r2", TaskKind.REGRESSION, false),
    ACCURACY("accuracy", TaskKind.CLASSIFICATION, false),
    MACRO_F1("macro_f1", TaskKind.CLASSIFICATION, false),
    ROC_AUC("roc_auc", TaskKind.CLASSIFICATION, false);

    private final String key;
    private final TaskKind task;
    private final boolean lowerIsBetter;

    Metric(String key, TaskKind task, boolean lowerIsBetter) {
        this.key = key;
        this.task = task;
        this.lowerIsBetter = lowerIsBetter;
    }

    /** The metric called {@code key}, e.g. {@code "macro_f1"}. */
    public static Metric of(String key) {
        for (Metric metric : values()) {
            if (metric.key.equals(key)) {
                return metric;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + key + "'; known: "
                + Arrays.stream(values()).map(Metric::key).collect(Collectors.joining(", ")));
    }

    /** The metrics reported for {@code task}, in report order. */
    public static List<Metric> of(TaskKind task) {
        return Arrays.stream(values()).filter(metric -> metric.task == task).toList();
    }

    /** The name used in reports, files and JSON. */
    public String key() {
        return key;
    }

    public TaskKind task() {
        return task;
    }

    /** Whether smaller values are better (errors), as opposed to larger (scores). */
    public boolean isLowerBetter() {
        return lowerIsBetter;
    }

    /** Whether {@code candidate} is strictly better than {@code incumbent} by this metric. */
    public boolean isBetter(double candidate, double incumbent) {
        return lowerIsBetter ? candidate < incumbent : candidate > incumbent;
    }
}
