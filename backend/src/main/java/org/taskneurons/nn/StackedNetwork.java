package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * K trials of one {@link Network} as DJL tensors with a leading trial axis: every parameter of
 * shape S is one tensor (K, S) holding the K trials' values, and every layer is one batched
 * product for all trials ({@link NeuronLayer#stackedForward}). Trials never mix: trial k's
 * outputs, losses and gradients depend on its own lane only, so a trial whose values become
 * NaN spoils nothing but its own lane.
 *
 * <p>The parameters are read from K initialized blocks of the network, so that each trial
 * starts with the weights its own run draws from its seed, and written back into them.
 */
final class StackedNetwork {
    private final List<NeuronLayer> layers = new ArrayList<>();
    private final HiddenActivation activation;
    private final boolean classification;
    private final int trials;
    /** Every parameter in the order of the blocks' {@code getParameters()}. */
    private final List<NDArray> parameters = new ArrayList<>();
    /** Trial 0's parameters, by which a layer asks for its stacked tensors. */
    private final Map<Parameter, NDArray> byParameter = new IdentityHashMap<>();

    /**
     * The trials of {@code blocks}, one block of {@code network} per trial, initialized on the
     * device to train on, with their parameters stacked on {@code manager}, recording gradients.
     */
    StackedNetwork(Network network, List<Block> blocks, NDManager manager) {
        this.activation = network.structure().activation();
        this.classification = network.structure().output().isClassification();
        this.trials = blocks.size();
        for (Block child : blocks.get(0).getChildren().values()) {
            if (child instanceof NeuronLayer layer) {
                layers.add(layer);
            }
        }
        List<Parameter> first = blocks.get(0).getParameters().values();
        try (RecordingPause pause = new RecordingPause()) {
            stack(blocks, first, manager);
        }
    }

    /** Each parameter's values of all trials, stacked, as a leaf that records its gradient. */
    private void stack(List<Block> blocks, List<Parameter> first, NDManager manager) {
        for (int p = 0; p < first.size(); p++) {
            NDList values = new NDList(trials);
            for (Block block : blocks) {
                values.add(block.getParameters().get(p).getValue().getArray());
            }
            NDArray stacked = NDArrays.stack(values, 0);
            stacked.attach(manager);
            stacked.setRequiresGradient(true);
            parameters.add(stacked);
            byParameter.put(first.get(p), stacked);
        }
    }

    int trials() {
        return trials;
    }

    boolean isClassification() {
        return classification;
    }

    /** The stacked parameters, (K, S) each, in the order of the blocks' {@code getParameters()}. */
    List<NDArray> parameters() {
        return parameters;
    }

    /** The outputs of every trial: x (K, B, in) → (K, B, outputs); regression values or classification logits. */
    NDArray forward(NDArray x) {
        NDArray values = x;
        for (int l = 0; l < layers.size(); l++) {
            values = layers.get(l).stackedForward(values, byParameter::get);
            if (l < layers.size() - 1) {
                values = activation.apply(values);
            }
        }
        return values;
    }

    /**
     * Each trial's loss, (K): the mean squared error over its rows and outputs (targets
     * (K, B, 1) float), or the mean softmax cross-entropy of its logits (targets (K, B, 1) class
     * ids as int64), as {@link MeanSquaredErrorLoss} and {@link CrossEntropyLoss} compute one.
     */
    NDArray losses(NDArray outputs, NDArray targets) {
        if (classification) {
            return outputs.logSoftmax(2).gather(targets, 2).reshape(trials, -1).mean(new int[] {1}).neg();
        }
        return outputs.sub(targets).square().reshape(trials, -1).mean(new int[] {1});
    }

    /** How many of each trial's rows are classified right, (K): the logits' arg max against the class ids (K, B, 1). */
    NDArray correct(NDArray outputs, NDArray targets) {
        return outputs.argMax(2).eq(targets.squeeze(2)).sum(new int[] {1});
    }

    /** Copies trial {@code trial}'s lane of {@code values} (stacked like the parameters) into {@code block}. */
    static void write(List<NDArray> values, int trial, Block block) {
        List<Parameter> target = block.getParameters().values();
        for (int p = 0; p < target.size(); p++) {
            NDArray array = target.get(p).getArray();
            try (NDArray lane = values.get(p).get(trial)) {
                ParameterWrite.copy(lane, array);
            }
        }
    }
}
