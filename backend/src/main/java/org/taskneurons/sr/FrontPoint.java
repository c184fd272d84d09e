package org.taskneurons.sr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One point of the Pareto front of training error against complexity.
 *
 * @param parameters number of fitted constants (coefficients, intercept, constants inside terms)
 * @param mse        training mean squared error
 * @param score      the selection criterion's score (lower is better)
 * @param formula    the best formula of that complexity
 */
public record FrontPoint(int parameters, double mse, double score, Formula formula) {

    /** The non-dominated points: for increasing complexity, strictly decreasing error. */
    static List<FrontPoint> nonDominated(List<FrontPoint> candidates) {
        List<FrontPoint> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt(FrontPoint::parameters).thenComparingDouble(FrontPoint::mse));
        List<FrontPoint> front = new ArrayList<>();
        for (FrontPoint point : sorted) {
            if (front.isEmpty() || point.mse() < front.get(front.size() - 1).mse()) {
                if (!front.isEmpty() && front.get(front.size() - 1).parameters() == point.parameters()) {
                    continue;
                }
                front.add(point);
            }
        }
        return List.copyOf(front);
    }

    /**
     * The points no other point beats on error with no more constants and no higher power: the
     * candidates of the tie-break, by increasing constants, then power.
     */
    static List<FrontPoint> nonDominatedByDegree(List<FrontPoint> candidates) {
        List<FrontPoint> front = new ArrayList<>();
        for (FrontPoint point : candidates) {
            int degree = Selection.degree(point.formula());
            boolean dominated = candidates.stream().anyMatch(other -> other != point
                    && other.parameters() <= point.parameters() && Selection.degree(other.formula()) <= degree
                    && (other.mse() < point.mse() || other.mse() == point.mse() && other.parameters() < point.parameters()));
            if (!dominated && !front.contains(point)) {
                front.add(point);
            }
        }
        front.sort(Comparator.comparingInt(FrontPoint::parameters).thenComparingInt(p -> Selection.degree(p.formula())));
        return List.copyOf(front);
    }
}
