package org.taskneurons.sr;

import java.util.List;

/**
 * What a search found: the chosen formula, its training error, the Pareto front it was chosen
 * from, and how many candidate formulas were evaluated.
 */
record SearchOutcome(Formula formula, double mse, List<FrontPoint> front, long evaluations, long nodeRows) {
}
