package org.taskneurons.experiment;

import org.taskneurons.choice.Choice;
import org.taskneurons.data.Dataset;

/** What decides a search, on the validation rows: {@code val_mse} for regression, {@code val_accuracy} for classification. */
public enum SearchMetric implements Choice {
    /** Mean squared error of a regression's validation rows; lower is better. */
    VAL_MSE,
    /** Accuracy on a classification's validation rows; higher is better. */
    VAL_ACCURACY;

    /** The metric labelled {@code label} ({@code val_mse} or {@code val_accuracy}). */
    public static SearchMetric of(String label) {
        return Choice.of(SearchMetric.class, label);
    }

    /** The metric that fits {@code dataset}'s target. */
    public static SearchMetric of(Dataset dataset) {
        return dataset.isClassification() ? VAL_ACCURACY : VAL_MSE;
    }

    public boolean isHigherBetter() {
        return this == VAL_ACCURACY;
    }
}
