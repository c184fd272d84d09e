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

    /** The documented rule: the point with the lowest criterion score. */
    static FrontPoint chosen(List<FrontPoint> front) {
        return front.stream().min(Comparator.comparingDouble(FrontPoint::score)).orElseThrow();
    }
}
