package org.taskneurons.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One model's outcome on one seed: its test metrics and its size, the raw material of a
 * {@link Comparison}.
 *
 * @param model      the model's name in the comparison, e.g. {@code "task-based"} or {@code "xgboost"}
 * @param seed       the seed of the run (split and initialisation); runs of different models with
 *                   the same seed are paired
 * @param metrics    metric values keyed by {@link Metric#key()}, each finite, in report order
 * @param parameters the model's parameter count (tree nodes for XGBoost)
 */
public record ComparisonRun(String model, long seed, Map<String, Double> metrics, long parameters) {

    public ComparisonRun {
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank: '" + model + "'");
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("run of '" + model + "' with seed " + seed + " reports no metric");
        }
        for (Map.Entry<String, Double> metric : metrics.entrySet()) {
            Metric.of(metric.getKey());
            if (metric.getValue() == null || !Double.isFinite(metric.getValue())) {
                throw new IllegalArgumentException("run of '" + model + "' with seed " + seed + " has "
                        + metric.getKey() + " = " + metric.getValue() + "; a comparison needs finite values");
            }
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        if (parameters < 0) {
            throw new IllegalArgumentException("parameter count must not be negative: " + parameters);
        }
    }
}
