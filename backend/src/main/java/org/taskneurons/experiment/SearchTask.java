package org.taskneurons.experiment;

import java.util.List;
import java.util.Map;

/**
 * A task a search adds to its experiment: a trial trained to one rung's epochs (continuing
 * from its previous rung's checkpoint when it was promoted), or a final run of a model's best
 * configuration on one of the spec's seeds.
 *
 * @param key        {@code trial/DATASET/MODEL/TRIAL/EPOCHS} or {@code train/DATASET/MODEL/best/SEED}
 * @param trial      the trial's number (0-based) within its model and data set; null for a final run
 * @param epochs     epochs the network has when the task ends
 * @param config     the hyperparameters it trains with, by their spec names
 * @param structure  hidden widths: the configuration's, else the spec's only structure
 * @param seed       the split's and the initialization's seed (trials: the spec's first seed)
 * @param resumeFrom the key of the trial task whose checkpoint it continues from; null to start at epoch 0
 * @param dependsOn  keys of the tasks that must be done first (the data set's discovery)
 */
public record SearchTask(String key, String dataset, ModelKind model, Integer trial, int epochs,
        Map<String, Object> config, List<Integer> structure, long seed, String resumeFrom, List<String> dependsOn) {

    public SearchTask {
        config = Map.copyOf(config);
        structure = List.copyOf(structure);
        dependsOn = List.copyOf(dependsOn);
    }

    /** Whether this is a trial rather than a final run (not named as a getter: {@code trial} is the number). */
    public boolean runsTrial() {
        return trial != null;
    }
}
