package org.taskneurons.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The models an experiment compares, by the names used in specs and tables. */
public enum ModelKind {
    /** Network of task-based neurons built from the data set's discovered formula. */
    TASK_BASED("task-based", true),
    /** Network of ordinary linear neurons (the paper's LN). */
    ORDINARY("ordinary", false),
    /** Network of quadratic neurons. */
    QUADRATIC("quadratic", false),
    /** Network of random-polynomial neurons with as many terms as the discovered formula (the paper's control). */
    RANDOM_POLYNOMIAL("random-polynomial", true),
    /** Gradient-boosted trees (XGBoost), the model a tabular user would otherwise pick. */
    XGBOOST("xgboost", false);

    private final String label;
    private final boolean needsFormula;

    ModelKind(String label, boolean needsFormula) {
        this.label = label;
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
                .filter(kind -> kind.label.equalsIgnoreCase(label) || kind.name().equalsIgnoreCase(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model '" + label + "' (known: "
                        + Arrays.stream(values()).map(ModelKind::label).collect(Collectors.joining(", ")) + ")"));
    }
}
