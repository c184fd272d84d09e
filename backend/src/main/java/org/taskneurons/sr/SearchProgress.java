package org.taskneurons.sr;

/** Receives a search's progress once per generation (genetic programming) or once at the end. */
@FunctionalInterface
public interface SearchProgress {
    SearchProgress NONE = (generation, generations, bestMse, evaluations) -> { };

    /**
     * @param generation  generations done (0 after the initial population)
     * @param generations generations planned
     * @param bestMse     lowest training error so far
     * @param evaluations candidates evaluated so far
     */
    void onGeneration(int generation, int generations, double bestMse, long evaluations);
}
