package org.taskneurons.nn;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;

/** The activation applied after every layer but the output layer. */
public enum HiddenActivation {
    RELU,
    SIGMOID,
    TANH;

    /** A parameter-free block applying the activation element-wise. */
    public Block block() {
        return switch (this) {
            case RELU -> Activation.reluBlock();
            case SIGMOID -> Activation.sigmoidBlock();
            case TANH -> Activation.tanhBlock();
        };
    }
}
