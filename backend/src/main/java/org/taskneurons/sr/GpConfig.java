package org.taskneurons.sr;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Settings of a genetic-programming search over univariate trees.
 *
 * @param population          individuals per generation
 * @param generations         generations after the initial one
 * @param tournament          tournament size for parent selection
 * @param crossoverRate       probability that a child comes from subtree crossover
 * @param mutationRate        probability that a child comes from mutation (the rest are copies)
 * @param eliteFraction       fraction of the best individuals copied unchanged
 * @param variableProbability probability that a leaf is x rather than a constant
 * @param constantMin         smallest integer constant of a new leaf (inclusive)
 * @param constantMax         largest integer constant of a new leaf (exclusive)
 * @param functions           the operators trees are built from (not x or constants)
 * @param initialDepth        maximum depth of the initial trees (ramped half-and-half from 2)
 * @param maxDepth            maximum depth of any tree
 * @param maxSize             maximum number of nodes of any tree
 * @param maxDegree           highest power x^k a polynomial tree may reach: within it, power sums
 *                            score the tree without evaluating it; a polynomial tree beyond it
 *                            is invalid, like one beyond the depth limit
 * @param maxTerms            most terms fitted separately; beyond, the tree is one term
 * @param constantIterations  Levenberg–Marquardt iterations for constants inside nonlinear
 *                            functions (0: none)
 * @param maxEvaluations      stop after this many evaluations (0: no limit)
 * @param timeLimit           stop after this long (null: no limit; results then depend on speed)
 */
public record GpConfig(int population, int generations, int tournament, double crossoverRate, double mutationRate,
        double eliteFraction, double variableProbability, int constantMin, int constantMax, Set<Op> functions,
        int initialDepth, int maxDepth, int maxSize, int maxDegree, int maxTerms, int constantIterations,
        long maxEvaluations, Duration timeLimit) {

    public GpConfig {
        requireRange("population", population, 2, 1_000_000);
        requireRange("generations", generations, 0, 1_000_000);
        requireRange("tournament", tournament, 1, population);
        requireProbability("crossover rate", crossoverRate);
        requireProbability("mutation rate", mutationRate);
        if (crossoverRate + mutationRate > 1.0 + 1e-12) {
            throw new IllegalArgumentException("crossover rate + mutation rate exceeds 1: " + (crossoverRate + mutationRate));
        }
        requireProbability("elite fraction", eliteFraction);
        requireProbability("variable probability", variableProbability);
        if (constantMin >= constantMax) {
            throw new IllegalArgumentException("constant range is empty: [" + constantMin + ", " + constantMax + ")");
        }
        functions = Set.copyOf(functions);
        if (functions.isEmpty()) {
            throw new IllegalArgumentException("no functions: give at least one operator");
        }
        for (Op op : functions) {
            if (op.isTerminal()) {
                throw new IllegalArgumentException("not a function: " + op.symbol());
            }
        }
        requireRange("initial depth", initialDepth, 1, 30);
        requireRange("max depth", maxDepth, initialDepth, 30);
        requireRange("max size", maxSize, 1, 10_000);
        requireRange("max degree", maxDegree, 1, 30);
        requireRange("max terms", maxTerms, 1, 64);
        requireRange("constant iterations", constantIterations, 0, 1000);
        if (maxEvaluations < 0) {
            throw new IllegalArgumentException("max evaluations must not be negative: " + maxEvaluations);
        }
        if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
            throw new IllegalArgumentException("time limit must be positive: " + timeLimit);
        }
    }

    /**
     * The paper's configuration: +, −, × and neg; integer constants in [−20, 20); population 500,
     * 80 generations, tournament 15, crossover 0.3, mutation 0.6, copy 0.1, the best 5% kept;
     * a leaf is x with probability 0.7.
     */
    public static GpConfig paper() {
        return new GpConfig(500, 80, 15, 0.3, 0.6, 0.05, 0.7, -20, 20,
                EnumSet.of(Op.ADD, Op.SUB, Op.MUL, Op.NEG), 4, 8, 64, 12, 16, 0, 0, null);
    }

    public GpConfig withPopulation(int value) {
        return new GpConfig(value, generations, Math.min(tournament, value), crossoverRate, mutationRate, eliteFraction,
                variableProbability, constantMin, constantMax, functions, initialDepth, maxDepth, maxSize, maxDegree, maxTerms,
                constantIterations, maxEvaluations, timeLimit);
    }

    public GpConfig withGenerations(int value) {
        return new GpConfig(population, value, tournament, crossoverRate, mutationRate, eliteFraction, variableProbability,
                constantMin, constantMax, functions, initialDepth, maxDepth, maxSize, maxDegree, maxTerms, constantIterations,
                maxEvaluations, timeLimit);
    }

    public GpConfig withFunctions(Set<Op> value) {
        boolean nonlinear = value.stream().anyMatch(op -> !op.isPolynomial());
        return new GpConfig(population, generations, tournament, crossoverRate, mutationRate, eliteFraction,
                variableProbability, constantMin, constantMax, value, initialDepth, maxDepth, maxSize, maxDegree, maxTerms,
                nonlinear && constantIterations == 0 ? 5 : constantIterations, maxEvaluations, timeLimit);
    }

    public GpConfig withLimits(int depth, int size) {
        return new GpConfig(population, generations, tournament, crossoverRate, mutationRate, eliteFraction,
                variableProbability, constantMin, constantMax, functions, Math.min(initialDepth, depth), depth, size, maxDegree,
                maxTerms, constantIterations, maxEvaluations, timeLimit);
    }

    public GpConfig withBudget(long evaluations, Duration time) {
        return new GpConfig(population, generations, tournament, crossoverRate, mutationRate, eliteFraction,
                variableProbability, constantMin, constantMax, functions, initialDepth, maxDepth, maxSize, maxDegree, maxTerms,
                constantIterations, evaluations, time);
    }

    /** Whether every function keeps a tree polynomial, so power sums can score every tree. */
    public boolean isPolynomial() {
        return functions.stream().allMatch(Op::isPolynomial);
    }

    int eliteCount() {
        return (int) Math.ceil(eliteFraction * population);
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " out of range [" + min + ", " + max + "]: " + value);
        }
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " out of range [0, 1]: " + value);
        }
    }
}
