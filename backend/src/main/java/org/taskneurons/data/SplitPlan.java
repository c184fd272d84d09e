package org.taskneurons.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * How to split a data set: the test fraction, the fraction of the remaining training rows
 * held out for validation, and whether classification data keeps each class's share in
 * every part (stratification; it does nothing for regression).
 *
 * <p>Splits are deterministic per seed: rows are shuffled by a Fisher–Yates pass driven by
 * {@link SplittableRandom}, which is not scikit-learn's permutation, so a seed here does not
 * pick the same rows as {@code random_state} there. Every part lists its rows in shuffled
 * order. Part sizes are rounded ({@code round(rows * fraction)}); with stratification each
 * class's count in a part is within one row of its exact share.
 *
 * @param testFraction       share of all rows for testing, in (0, 1)
 * @param validationFraction share of the non-test rows for validation, in [0, 1)
 * @param stratified         whether classification parts keep the class proportions
 */
public record SplitPlan(double testFraction, double validationFraction, boolean stratified) {

    public SplitPlan {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction out of range (0, 1): " + testFraction);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction out of range [0, 1): " + validationFraction);
        }
    }

    /** 8:2, no validation part, stratified. */
    public static SplitPlan defaults() {
        return new SplitPlan(0.2, 0.0, true);
    }

    public SplitPlan withTestFraction(double fraction) {
        return new SplitPlan(fraction, validationFraction, stratified);
    }

    public SplitPlan withValidationFraction(double fraction) {
        return new SplitPlan(testFraction, fraction, stratified);
    }

    public SplitPlan withStratified(boolean value) {
        return new SplitPlan(testFraction, validationFraction, value);
    }

    /** One split drawn with {@code seed}. */
    public Split split(Dataset data, long seed) {
        RowGroups groups = RowGroups.shuffled(data, stratified, seed);
        int[] part = new int[data.rows()];
        groups.assign(part, RowGroups.TRAIN, RowGroups.TEST, testFraction, "test");
        return parts(data, groups, part);
    }

    /** {@code times} splits drawn with seeds {@code seed}, {@code seed + 1}, ... for repeated runs. */
    public List<Split> repeat(Dataset data, long seed, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("number of repetitions must be at least 1: " + times);
        }
        List<Split> splits = new ArrayList<>(times);
        for (int i = 0; i < times; i++) {
            splits.add(split(data, seed + i));
        }
        return splits;
    }

    /**
     * The {@code folds} splits of k-fold cross-validation: fold i is the test part of split i,
     * the others train (less the validation fraction). The test fraction is not used.
     */
    public List<Split> kFold(Dataset data, long seed, int folds) {
        if (folds < 2 || folds > data.rows()) {
            throw new IllegalArgumentException("number of folds out of range [2, " + data.rows() + "]: " + folds);
        }
        RowGroups groups = RowGroups.shuffled(data, stratified, seed);
        int[] fold = groups.deal(folds);
        List<Split> splits = new ArrayList<>(folds);
        for (int i = 0; i < folds; i++) {
            int testFold = i;
            int[] part = IntStream.of(fold).map(f -> f == testFold ? RowGroups.TEST : RowGroups.TRAIN).toArray();
            splits.add(parts(data, groups, part));
        }
        return splits;
    }

    private Split parts(Dataset data, RowGroups groups, int[] part) {
        if (validationFraction > 0) {
            groups.assign(part, RowGroups.TRAIN, RowGroups.VALIDATION, validationFraction, "validation");
        }
        int[][] rows = groups.rowsByPart(part);
        return new Split(data.select(rows[RowGroups.TRAIN]), data.select(rows[RowGroups.VALIDATION]),
                data.select(rows[RowGroups.TEST]));
    }
}
