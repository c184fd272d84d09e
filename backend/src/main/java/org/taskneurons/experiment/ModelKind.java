package org.taskneurons.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The models an experiment compares, by the names used in specs and tables (short names such as
 * {@code tn}, {@code ln} and {@code random-poly} are read too).
 */
public enum ModelKind {
    /** Network of task-based neurons built from the data set's discovered formula. */
    TASK_BASED("task-based", "tn", true),
    /** Network of ordinary linear neurons (the paper's LN). */
    ORDINARY("ordinary", "ln", false),
    /** Network of quadratic neurons. */
    QUADRATIC("quadratic", "qn", false),
    /** Network of random-polynomial neurons with as many terms as the discovered formula (the paper's control). */
    RANDOM_POLYNOMIAL("random-polynomial", "random-poly", true),
    /** Gradient-boosted trees (XGBoost), the model a tabular user would otherwise pick. */
    XGBOOST("xgboost", "xgb", false);

    private final String label;
    private final String shortName;
    private final boolean needsFormula;

    ModelKind(String label, String shortName, boolean needsFormula) {
        this.label = label;
        this.shortName = shortName;
        this.needsFormula = needsFormula;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** Whether training waits for the data set's discovered formula. */
    public boolean needsFormula() {
        return needsFormula;
    }

    @JsonCreator
    public static ModelKind of(String label) {
        return Arrays.stream(values())
                .filter(kind -> kind.label.equalsIgnoreCase(label) || kind.shortName.equalsIgnoreCase(label)
                        || kind.name().equalsIgnoreCase(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model '" + label + "' (known: "
                        + Arrays.stream(values()).map(ModelKind::label).collect(Collectors.joining(", ")) + ")"));
    }
}
