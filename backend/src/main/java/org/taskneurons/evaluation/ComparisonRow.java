package org.taskneurons.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One model's line of a {@link Comparison}.
 *
 * @param model      the model's name
 * @param seeds      the seeds of its runs, in the order they were given
 * @param parameters the mean parameter count over its runs
 * @param cells      one summary per metric, keyed and ordered like {@link Comparison#metrics()}
 * @param leftOut    runs of the model left out of the means because they diverged or started dead; the row
 *                   summarizes {@code seeds.size()} of {@code seeds.size() + leftOut} runs
 */
public record ComparisonRow(String model, List<Long> seeds, double parameters, Map<String, ComparisonCell> cells,
                            int leftOut) {

    public ComparisonRow {
        Objects.requireNonNull(model, "model");
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("model '" + model + "' has no runs");
        }
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
        if (leftOut < 0) {
            throw new IllegalArgumentException("runs left out must not be negative: " + leftOut);
        }
    }

    /** A row with every run in its means. */
    public ComparisonRow(String model, List<Long> seeds, double parameters, Map<String, ComparisonCell> cells) {
        this(model, seeds, parameters, cells, 0);
    }

    /** The runs column: {@code "10"}, or {@code "9 of 10"} when one run was left out. */
    public String runs() {
        return leftOut == 0 ? String.valueOf(seeds.size()) : seeds.size() + " of " + (seeds.size() + leftOut);
    }

    /** The summary of {@code metric}, e.g. {@code "mse"}. */
    public ComparisonCell cell(String metric) {
        ComparisonCell cell = cells.get(metric);
        if (cell == null) {
            throw new IllegalArgumentException("no metric '" + metric + "' in the comparison; it has " + cells.keySet());
        }
        return cell;
    }
}
