package org.taskneurons.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taskneurons.data.Scaling;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.ModelKind;
import org.taskneurons.nn.HiddenActivation;
import org.taskneurons.nn.OptimizerKind;
import org.taskneurons.nn.TrainingEngine;
import picocli.CommandLine.Option;

/**
 * How networks are trained and data is split: shared by {@code train} and {@code compare}. The
 * closed choices start from the spec's defaults ({@link ChoiceDefaults} shows them as labels).
 */
final class TrainingOptions {
    private static final ExperimentSpec.TrainingSpec DEFAULTS = ExperimentSpec.TrainingSpec.defaults();

    @Option(names = "--hidden", split = ",", paramLabel = "W", description = "Hidden widths, e.g. 10,5 (default: 10).")
    List<Integer> hidden = new ArrayList<>(List.of(10));

    @Option(names = "--single-layer", description = "No hidden layer: one layer from the inputs to the output.")
    boolean singleLayer;

    @Option(names = "--activation", description = "relu, sigmoid or tanh (default: ${DEFAULT-VALUE}).")
    HiddenActivation activation = DEFAULTS.activation();

    @Option(names = "--optimizer", description = "adam, sgd or rmsprop (default: ${DEFAULT-VALUE}).")
    OptimizerKind optimizer = DEFAULTS.optimizer();

    @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--lr-for", paramLabel = "MODEL=RATE", description = "Learning rate of one model, e.g. ordinary=0.01.")
    Map<String, Double> learningRates = new LinkedHashMap<>();

    @Option(names = "--epochs", defaultValue = "300", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "10", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--patience", defaultValue = "0",
            description = "Early stopping patience in epochs on the validation part; 0: none (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--scale",
            description = "none, minmax or standard for inputs and a regression target (default: ${DEFAULT-VALUE}).")
    Scaling scale = DEFAULTS.scale();

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "Share of rows for testing (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--validation-fraction", defaultValue = "0",
            description = "Share of the other rows for validation (default: ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--engine",
            description = "auto, djl or fused: who computes the training steps; auto takes the fused Java path on the CPU "
                    + "for small networks, DJL otherwise (default: ${DEFAULT-VALUE}).")
    TrainingEngine engine = DEFAULTS.engine();

    @Option(names = "--no-match-parameters", negatable = false,
            description = "Do not shrink other networks to the ordinary network's parameter count.")
    boolean noMatch;

    List<Integer> structure() {
        return singleLayer ? List.of() : List.copyOf(hidden);
    }

    ExperimentSpec.TrainingSpec training() {
        Map<ModelKind, Double> rates = new LinkedHashMap<>();
        learningRates.forEach((model, rate) -> rates.put(ModelKind.of(model), rate));
        return new ExperimentSpec.TrainingSpec(optimizer, learningRate, rates, epochs, batch, weightDecay, patience, activation,
                scale, !noMatch, Map.of(), engine);
    }

    ExperimentSpec.SplitSpec split() {
        return new ExperimentSpec.SplitSpec(testFraction, validationFraction);
    }
}
