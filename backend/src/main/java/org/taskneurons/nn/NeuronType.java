package org.taskneurons.nn;

/**
 * The aggregation function of every neuron of a network (the activation between layers is
 * separate, see {@link HiddenActivation}).
 */
public enum NeuronType {
    /** The paper's task-based neuron: the discovered formula with every constant learnable; needs a formula. */
    TASK_BASED,
    /** The ordinary neuron z = W x + b. */
    LINEAR,
    /** The quadratic neuron z = (W_r x + b_r) ⊙ (W_g x + b_g) + W_b (x ⊙ x) + c. */
    QUADRATIC,
    /** The paper's control: a polynomial neuron with seeded random powers, as many as the formula has terms. */
    RANDOM_POLYNOMIAL
}
