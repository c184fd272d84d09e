package org.taskneurons.nn;

import ai.djl.nn.SequentialBlock;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A network of one kind of neuron: {@code inputs} → hidden layers → output, every layer made of
 * the same neurons (the paper's TN networks are task-based neurons throughout), the
 * activation between layers and none after the output layer.
 *
 * @param inputs    the number of input features, at least 1
 * @param structure hidden widths, activation and output
 * @param neuron    the neurons of every layer
 */
public record Network(int inputs, Structure structure, Neuron neuron) {

    public Network {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be at least 1: " + inputs);
        }
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(neuron, "neuron");
    }

    /**
     * The network as a DJL block, its parameters not yet initialized; layer l draws its initial
     * weights from the l-th seed of a {@link SplittableRandom} seeded with {@code seed}.
     */
    public SequentialBlock newBlock(Initialization initialization, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        SequentialBlock block = new SequentialBlock();
        int[] widths = structure.layerWidths();
        for (int l = 0; l < widths.length; l++) {
            block.add(neuron.layer(widths[l], initialization, seeds.nextLong()));
            if (l < widths.length - 1) {
                block.add(structure.activation().block());
            }
        }
        return block;
    }

    /** The exact number of scalar parameters. */
    public long parameterCount() {
        long count = 0;
        int fanIn = inputs;
        for (int width : structure.layerWidths()) {
            count += neuron.parameterCount(fanIn, width);
            fanIn = width;
        }
        return count;
    }

    public Network withStructure(Structure newStructure) {
        return new Network(inputs, newStructure, neuron);
    }

    /** The same inputs and structure with other neurons, e.g. the ordinary network a task-based one is compared with. */
    public Network withNeuron(Neuron newNeuron) {
        return new Network(inputs, structure, newNeuron);
    }

    /**
     * The paper's rule for a fair comparison: this network with its hidden widths shrunk
     * proportionally (each ⌊s·w⌋, never below 1, for the largest scale s in (0, 1]) until it has
     * no more parameters than {@code budget}, the parameter count of the ordinary network it is
     * compared with.
     */
    public ParameterMatch shrinkTo(long budget) {
        return ParameterMatch.shrink(this, budget);
    }
}
