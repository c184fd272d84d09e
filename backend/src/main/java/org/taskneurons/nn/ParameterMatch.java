package org.taskneurons.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A network whose hidden widths were shrunk to fit a parameter budget (see
 * {@link Network#shrinkTo}), with the widths used.
 *
 * @param network the shrunk network; its {@code structure().hiddenWidths()} are the widths used
 * @param budget  the largest parameter count allowed
 * @param scale   the scale s applied to the original widths (1 when nothing was shrunk)
 */
public record ParameterMatch(Network network, long budget, double scale) {

    public ParameterMatch {
        Objects.requireNonNull(network, "network");
    }

    /** Whether the network fits the budget; false only when even width 1 everywhere is too large. */
    public boolean withinBudget() {
        return network.parameterCount() <= budget;
    }

    public List<Integer> hiddenWidths() {
        return network.structure().hiddenWidths();
    }

    static ParameterMatch shrink(Network network, long budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be at least 1: " + budget);
        }
        List<Integer> widths = network.structure().hiddenWidths();
        // ⌊s·w⌋ only changes where s·w crosses an integer, so the scales k/w are the only candidates.
        TreeSet<Double> scales = new TreeSet<>();
        scales.add(1.0);
        for (int width : widths) {
            for (int k = 1; k <= width; k++) {
                scales.add((double) k / width);
            }
        }
        Network smallest = null;
        for (double scale : scales.descendingSet()) {
            Network candidate = network.withStructure(network.structure().withHiddenWidths(scaled(widths, scale)));
            if (candidate.parameterCount() <= budget) {
                return new ParameterMatch(candidate, budget, scale);
            }
            smallest = candidate;
        }
        return new ParameterMatch(smallest, budget, scales.first());
    }

    private static List<Integer> scaled(List<Integer> widths, double scale) {
        List<Integer> result = new ArrayList<>(widths.size());
        for (int width : widths) {
            // The small epsilon keeps k/w·w from rounding down to k − 1.
            result.add(Math.max(1, (int) Math.floor(scale * width + 1e-9)));
        }
        return result;
    }
}
