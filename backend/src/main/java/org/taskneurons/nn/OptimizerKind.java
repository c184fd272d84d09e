package org.taskneurons.nn;

/** The update rule of training, each with PyTorch's semantics and defaults (see {@link ParameterUpdate}). */
public enum OptimizerKind {
    /** Adam, β1 = 0.9, β2 = 0.999, ε = 1e-8. */
    ADAM,
    /** Stochastic gradient descent with (heavy-ball) momentum. */
    SGD,
    /** RMSprop, α = 0.99, ε = 1e-8, no momentum: the paper's optimizer. */
    RMSPROP
}
