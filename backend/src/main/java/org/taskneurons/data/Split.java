package org.taskneurons.data;

import java.util.Objects;

/**
 * A data set cut into disjoint training, validation and test parts that together hold every
 * row once. The validation part has no rows unless a validation fraction was asked for.
 */
public record Split(Dataset train, Dataset validation, Dataset test) {

    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
    }

    /** The paper's split: 80% training, 20% test, stratified for classification. */
    public static Split of(Dataset data, long seed) {
        return SplitPlan.defaults().split(data, seed);
    }

    public boolean hasValidation() {
        return validation.rows() > 0;
    }
}
