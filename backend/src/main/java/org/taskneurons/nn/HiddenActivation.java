package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import org.taskneurons.choice.Choice;

/** The activation applied after every layer but the output layer. */
public enum HiddenActivation implements Choice {
    RELU,
    SIGMOID,
    TANH;

    /** The activation labelled {@code label} ({@code relu}, {@code sigmoid} or {@code tanh}). */
    public static HiddenActivation of(String label) {
        return Choice.of(HiddenActivation.class, label);
    }

    /** The activation of every element of {@code x}. */
    public NDArray apply(NDArray x) {
        return switch (this) {
            case RELU -> Activation.relu(x);
            case SIGMOID -> Activation.sigmoid(x);
            case TANH -> Activation.tanh(x);
        };
    }

    /** A parameter-free block applying the activation element-wise. */
    public Block block() {
        return switch (this) {
            case RELU -> Activation.reluBlock();
            case SIGMOID -> Activation.sigmoidBlock();
            case TANH -> Activation.tanhBlock();
        };
    }
}
