package org.taskneurons.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The shape of a network: the widths of its hidden layers, the activation between layers and
 * the output. Empty hidden widths mean a single layer from the inputs to the output.
 *
 * @param hiddenWidths the number of neurons of each hidden layer, each at least 1
 */
public record Structure(List<Integer> hiddenWidths, HiddenActivation activation, Output output) {

    public Structure {
        hiddenWidths = List.copyOf(Objects.requireNonNull(hiddenWidths, "hiddenWidths"));
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(output, "output");
        for (int width : hiddenWidths) {
            if (width < 1) {
                throw new IllegalArgumentException("hiddenWidths must be at least 1 each: " + hiddenWidths);
            }
        }
    }

    /** A structure such as {@code of(Output.regression(1), RELU, 10, 5)} for inputs → 10 → 5 → 1. */
    public static Structure of(Output output, HiddenActivation activation, int... hiddenWidths) {
        return new Structure(Arrays.stream(hiddenWidths).boxed().toList(), activation, output);
    }

    public Structure withHiddenWidths(List<Integer> widths) {
        return new Structure(widths, activation, output);
    }

    /** The width of every layer in order: the hidden widths, then the output size. */
    public int[] layerWidths() {
        int[] widths = new int[hiddenWidths.size() + 1];
        for (int i = 0; i < hiddenWidths.size(); i++) {
            widths[i] = hiddenWidths.get(i);
        }
        widths[hiddenWidths.size()] = output.size();
        return widths;
    }
}
