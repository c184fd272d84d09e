package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.taskneurons.data.Dataset;

/**
 * Whether a network is dead at its initial weights: after some hidden layer, every ReLU unit
 * outputs 0 for every training row, so the output does not depend on the input and no gradient
 * reaches the layers below. Such a run can at best learn a constant; its result is flagged
 * ({@link TrainingSummary#dead()}) and left out of the means like a diverged one. Every path
 * asks this of the initialized block it starts from, so the paths agree.
 */
final class DeadStart {
    private DeadStart() {
    }

    /** Whether {@code block}, an initialized block of {@code network}, is dead on the rows of {@code train}. */
    static boolean of(Network network, Block block, Dataset train) {
        if (network.structure().activation() != HiddenActivation.RELU || network.structure().hiddenWidths().isEmpty()) {
            return false;
        }
        NDArray first = block.getParameters().get(0).getValue().getArray();
        try (RecordingPause pause = new RecordingPause();
             NDManager scratch = NDManager.newBaseManager(first.getDevice())) {
            ParameterStore store = new ParameterStore(scratch, false);
            NDArray values = DatasetTensors.features(scratch, train);
            for (Block child : block.getChildren().values()) {
                values = child.forward(store, new NDList(values), false).singletonOrThrow();
                if (!(child instanceof NeuronLayer) && values.max().getFloat() <= 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
