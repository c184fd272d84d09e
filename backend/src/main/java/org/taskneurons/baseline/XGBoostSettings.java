package org.taskneurons.baseline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.taskneurons.data.TaskKind;

/**
 * How to fit an {@link XGBoostModel}: gradient-boosted trees as a tabular user would pick
 * them. The defaults are XGBoost's own (and scikit-learn wrapper's) defaults, so the baseline
 * is the model people actually run, not one tuned against the task-based network.
 *
 * @param rounds              boosting rounds, at most; 100 by default
 * @param maxDepth            the depth of each tree, in [1, 30]; 6
 * @param eta                 the learning rate (shrinkage of each tree), in (0, 1]; 0.3
 * @param subsample           the share of rows each tree sees, in (0, 1]; 1
 * @param columnSample        the share of features each tree sees ({@code colsample_bytree}), in (0, 1]; 1
 * @param minChildWeight      the least hessian sum in a leaf, at least 0; 1
 * @param lambda              L2 regularisation of leaf weights, at least 0; 1
 * @param seed                the random seed of row and column sampling; 0
 * @param threads             the threads XGBoost uses, at least 1; 1, so that results are the same on
 *                            every machine and parallel experiments do not oversubscribe the cores
 * @param earlyStoppingRounds stop when the validation loss has not improved for this many rounds and
 *                            keep the best round; 0 turns it off; 10. It acts only when a validation
 *                            data set is given
 */
public record XGBoostSettings(int rounds, int maxDepth, double eta, double subsample, double columnSample,
                              double minChildWeight, double lambda, long seed, int threads,
                              int earlyStoppingRounds) {

    private static final int MAX_DEPTH = 30;

    public XGBoostSettings {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
        }
        if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("max depth out of range [1, " + MAX_DEPTH + "]: " + maxDepth);
        }
        checkShare("eta", eta);
        checkShare("subsample", subsample);
        checkShare("column sample", columnSample);
        if (!(minChildWeight >= 0 && minChildWeight < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("min child weight must be finite and at least 0: " + minChildWeight);
        }
        if (!(lambda >= 0 && lambda < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("lambda must be finite and at least 0: " + lambda);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        if (earlyStoppingRounds < 0) {
            throw new IllegalArgumentException("early stopping rounds must be at least 0: " + earlyStoppingRounds);
        }
    }

    public static XGBoostSettings defaults() {
        return new XGBoostSettings(100, 6, 0.3, 1, 1, 1, 1, 0, 1, 10);
    }

    public XGBoostSettings withRounds(int value) {
        return new XGBoostSettings(value, maxDepth, eta, subsample, columnSample, minChildWeight, lambda, seed,
                threads, earlyStoppingRounds);
    }

    public XGBoostSettings withMaxDepth(int value) {
        return new XGBoostSettings(rounds, value, eta, subsample, columnSample, minChildWeight, lambda, seed,
                threads, earlyStoppingRounds);
    }

    public XGBoostSettings withEta(double value) {
        return new XGBoostSettings(rounds, maxDepth, value, subsample, columnSample, minChildWeight, lambda, seed,
                threads, earlyStoppingRounds);
    }

    public XGBoostSettings withSubsample(double value) {
        return new XGBoostSettings(rounds, maxDepth, eta, value, columnSample, minChildWeight, lambda, seed,
                threads, earlyStoppingRounds);
    }

    public XGBoostSettings withColumnSample(double value) {
        return new XGBoostSettings(rounds, maxDepth, eta, subsample, value, minChildWeight, lambda, seed,
                threads, earlyStoppingRounds);
    }

    public XGBoostSettings withMinChildWeight(double value) {
        return new XGBoostSettings(rounds, maxDepth, eta, subsample, columnSample, value, lambda, seed,
                threads, earlyStoppingRounds);
    }

    public XGBoostSettings withLambda(double value) {
        return new XGBoostSettings(rounds, maxDepth, eta, subsample, columnSample, minChildWeight, value, seed,
                threads, earlyStoppingRounds);
    }

    public XGBoostSettings withSeed(long value) {
        return new XGBoostSettings(rounds, maxDepth, eta, subsample, columnSample, minChildWeight, lambda, value,
                threads, earlyStoppingRounds);
    }

    public XGBoostSettings withThreads(int value) {
        return new XGBoostSettings(rounds, maxDepth, eta, subsample, columnSample, minChildWeight, lambda, seed,
                value, earlyStoppingRounds);
    }

    public XGBoostSettings withEarlyStoppingRounds(int value) {
        return new XGBoostSettings(rounds, maxDepth, eta, subsample, columnSample, minChildWeight, lambda, seed,
                threads, value);
    }

    /**
     * XGBoost's parameters for a task: squared error for regression, logistic loss for two
     * classes, softmax probabilities for more.
     */
    Map<String, Object> boosterParameters(TaskKind task, int classCount) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (task == TaskKind.REGRESSION) {
            parameters.put("objective", "reg:squarederror");
        } else if (classCount == 2) {
            parameters.put("objective", "binary:logistic");
        } else {
            parameters.put("objective", "multi:softprob");
            parameters.put("num_class", classCount);
        }
        parameters.put("tree_method", "hist");
        parameters.put("max_depth", maxDepth);
        parameters.put("eta", eta);
        parameters.put("subsample", subsample);
        parameters.put("colsample_bytree", columnSample);
        parameters.put("min_child_weight", minChildWeight);
        parameters.put("lambda", lambda);
        parameters.put("seed", seed);
        parameters.put("nthread", threads);
        parameters.put("verbosity", 0);
        // read by xgboost4j's Java training loop, which otherwise prints every round's validation loss
        parameters.put("verbose_eval", 0);
        return parameters;
    }

    private static void checkShare(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " out of range (0, 1]: " + value);
        }
    }
}
