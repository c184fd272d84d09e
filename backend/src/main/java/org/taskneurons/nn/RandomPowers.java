package org.taskneurons.nn;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.taskneurons.sr.Formula;
import org.taskneurons.sr.Op;

/**
 * The powers of a random-polynomial neuron, the paper's control for task-based neurons: as
 * many distinct powers as the discovered polynomial has terms, drawn at random, so that the
 * control has the same form and parameter count but none of the discovered structure.
 *
 * @param powers distinct powers in [1, {@link Op#MAX_POWER}], in ascending order
 */
public record RandomPowers(List<Integer> powers) {
    /** The default highest power to draw: the paper's discovered formulas have degree 2 to 7. */
    public static final int DEFAULT_MAX_DEGREE = 7;

    public RandomPowers {
        powers = List.copyOf(powers);
        if (powers.isEmpty()) {
            throw new IllegalArgumentException("powers must not be empty");
        }
        for (int i = 0; i < powers.size(); i++) {
            int power = powers.get(i);
            if (power < 1 || power > Op.MAX_POWER || (i > 0 && power <= powers.get(i - 1))) {
                throw new IllegalArgumentException("powers must ascend strictly within [1, " + Op.MAX_POWER + "]: "
                        + powers);
            }
        }
    }

    /**
     * {@code termCount} distinct powers drawn uniformly from [1, maxDegree] with {@code seed}.
     *
     * @throws IllegalArgumentException when there are fewer than {@code termCount} powers to draw from
     */
    public static RandomPowers draw(int termCount, int maxDegree, long seed) {
        if (termCount < 1 || maxDegree > Op.MAX_POWER || termCount > maxDegree) {
            throw new IllegalArgumentException("termCount must be in [1, maxDegree] and maxDegree at most "
                    + Op.MAX_POWER + ": termCount " + termCount + ", maxDegree " + maxDegree);
        }
        int[] candidates = new int[maxDegree];
        Arrays.setAll(candidates, i -> i + 1);
        SplittableRandom random = new SplittableRandom(seed);
        // A partial Fisher–Yates shuffle: the first termCount candidates are the draw.
        for (int i = 0; i < termCount; i++) {
            int j = i + random.nextInt(maxDegree - i);
            int swap = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = swap;
        }
        return new RandomPowers(Arrays.stream(candidates, 0, termCount).sorted().boxed().toList());
    }

    /** As many powers as {@code formula} has terms, drawn from [1, {@value #DEFAULT_MAX_DEGREE}]. */
    public static RandomPowers like(Formula formula, long seed) {
        return draw(formula.terms().size(), DEFAULT_MAX_DEGREE, seed);
    }

    /** Σ_k Σ_j x_j^{p_k} with unit coefficients and no intercept: the form the layer parameterizes. */
    public Formula formula() {
        double[] coefficients = new double[powers.get(powers.size() - 1) + 1];
        for (int power : powers) {
            coefficients[power] = 1.0;
        }
        return Formula.polynomial(0.0, coefficients);
    }
}
