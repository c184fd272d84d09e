package org.taskneurons.nn;

import java.util.Objects;
import org.taskneurons.sr.Formula;

/**
 * The kind of neuron every layer of a network is made of, with what it needs: the formula of
 * task-based neurons, the powers of random-polynomial ones.
 *
 * @param type    the neuron type
 * @param formula task-based only: the discovered formula, with at least one term; else null
 * @param powers  random-polynomial only: the drawn powers; else null
 */
public record Neuron(NeuronType type, Formula formula, RandomPowers powers) {

    public Neuron {
        Objects.requireNonNull(type, "type");
        if ((type == NeuronType.TASK_BASED) != (formula != null)) {
            throw new IllegalArgumentException("formula is required for task-based neurons and only for them: "
                    + type + ", formula " + formula);
        }
        if ((type == NeuronType.RANDOM_POLYNOMIAL) != (powers != null)) {
            throw new IllegalArgumentException("powers are required for random-polynomial neurons and only for them: "
                    + type + ", powers " + powers);
        }
        if (formula != null && formula.terms().isEmpty()) {
            throw new IllegalArgumentException("formula has no terms, a task-based neuron needs at least one: "
                    + formula);
        }
    }

    public static Neuron linear() {
        return new Neuron(NeuronType.LINEAR, null, null);
    }

    public static Neuron quadratic() {
        return new Neuron(NeuronType.QUADRATIC, null, null);
    }

    public static Neuron taskBased(Formula formula) {
        return new Neuron(NeuronType.TASK_BASED, Objects.requireNonNull(formula, "formula"), null);
    }

    /** The control of {@code formula}: as many random powers as it has terms (see {@link RandomPowers#like}). */
    public static Neuron randomPolynomial(Formula formula, long seed) {
        return new Neuron(NeuronType.RANDOM_POLYNOMIAL, null, RandomPowers.like(formula, seed));
    }

    public static Neuron randomPolynomial(RandomPowers powers) {
        return new Neuron(NeuronType.RANDOM_POLYNOMIAL, null, Objects.requireNonNull(powers, "powers"));
    }

    /**
     * A layer of {@code units} such neurons; random-polynomial neurons are task-based neurons of
     * their random formula, so they are computed by the same fused path.
     *
     * @throws IllegalArgumentException for {@link Initialization#FORMULA} with neurons that are not task-based
     */
    public NeuronLayer layer(int units, Initialization initialization, long seed) {
        return switch (type) {
            case LINEAR -> LinearNeuronLayer.of(units, initialization, seed);
            case QUADRATIC -> QuadraticNeuronLayer.of(units, initialization, seed);
            case TASK_BASED -> taskLayer(formula, units, initialization, seed);
            case RANDOM_POLYNOMIAL -> {
                if (initialization == Initialization.FORMULA) {
                    throw new IllegalArgumentException("initialization FORMULA needs task-based neurons, "
                            + "a random polynomial has no coefficients to start from");
                }
                yield taskLayer(powers.formula(), units, initialization, seed);
            }
        };
    }

    /** The scalar parameters of a layer of {@code units} such neurons on {@code inputs} inputs. */
    public long parameterCount(int inputs, int units) {
        return switch (type) {
            case LINEAR -> LinearNeuronLayer.parameterCount(inputs, units);
            case QUADRATIC -> QuadraticNeuronLayer.parameterCount(inputs, units);
            case TASK_BASED -> TaskNeuronLayer.parameterCount(formula, inputs, units);
            case RANDOM_POLYNOMIAL -> TaskNeuronLayer.parameterCount(powers.formula(), inputs, units);
        };
    }

    private static NeuronLayer taskLayer(Formula formula, int units, Initialization initialization, long seed) {
        return TaskNeuronLayer.builder()
                .setFormula(formula)
                .setUnits(units)
                .optInitialization(initialization)
                .optSeed(seed)
                .build();
    }
}
