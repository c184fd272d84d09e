package org.taskneurons.store;

/** One kept point of a summarized curve. */
public record CurvePoint(double x, double y) {
}
