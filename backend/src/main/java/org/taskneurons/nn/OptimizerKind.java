package org.taskneurons.nn;

import org.taskneurons.choice.Choice;

/** The update rule of training, each with PyTorch's semantics and defaults (see {@link ParameterUpdate}). */
public enum OptimizerKind implements Choice {
    /** Adam, β1 = 0.9, β2 = 0.999, ε = 1e-8. */
    ADAM,
    /** Stochastic gradient descent with (heavy-ball) momentum. */
    SGD,
    /** RMSprop, α = 0.99, ε = 1e-8, no momentum: the paper's optimizer. */
    RMSPROP;

    /** The optimizer labelled {@code label} ({@code adam}, {@code sgd} or {@code rmsprop}). */
    public static OptimizerKind of(String label) {
        return Choice.of(OptimizerKind.class, label);
    }
}
