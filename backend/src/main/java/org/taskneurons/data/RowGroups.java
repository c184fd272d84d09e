package org.taskneurons.data;

import java.util.SplittableRandom;

/**
 * A data set's rows in one seeded random order, grouped by class when stratifying (one group
 * otherwise), and the bookkeeping that moves rows between the parts of a split.
 */
final class RowGroups {
    static final int TRAIN = 0;
    static final int VALIDATION = 1;
    static final int TEST = 2;

    private final String name;
    private final int[] order;
    private final int[][] members;

    private RowGroups(String name, int[] order, int[][] members) {
        this.name = name;
        this.order = order;
        this.members = members;
    }

    static RowGroups shuffled(Dataset data, boolean stratified, long seed) {
        int[] order = permutation(data.rows(), new SplittableRandom(seed));
        int groups = stratified && data.isClassification() ? data.classCount() : 1;
        int[] group = new int[data.rows()];
        if (groups > 1) {
            for (int row = 0; row < group.length; row++) {
                group[row] = (int) data.target()[row];
            }
        }
        int[] sizes = new int[groups];
        for (int g : group) {
            sizes[g]++;
        }
        int[][] members = new int[groups][];
        for (int g = 0; g < groups; g++) {
            members[g] = new int[sizes[g]];
        }
        int[] filled = new int[groups];
        for (int row : order) {
            members[group[row]][filled[group[row]]++] = row;
        }
        return new RowGroups(data.name(), order, members);
    }

    /** A Fisher–Yates shuffle of 0..n-1. */
    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /**
     * Moves {@code round(n * fraction)} of the n rows now in part {@code from} to part
     * {@code to}, shared among the groups by largest remainder, each group giving up its
     * first rows in shuffled order.
     */
    void assign(int[] part, int from, int to, double fraction, String partName) {
        int[] sizes = new int[members.length];
        int total = 0;
        for (int g = 0; g < members.length; g++) {
            for (int row : members[g]) {
                sizes[g] += part[row] == from ? 1 : 0;
            }
            total += sizes[g];
        }
        int wanted = (int) Math.round(total * fraction);
        if (wanted == 0 || wanted == total) {
            throw DataException.of(name, partName + " fraction " + fraction + " of " + total + " rows gives "
                    + wanted + " " + partName + " rows and " + (total - wanted) + " left for training");
        }
        int[] quota = apportion(sizes, fraction, wanted);
        for (int g = 0; g < members.length; g++) {
            for (int i = 0, moved = 0; i < members[g].length && moved < quota[g]; i++) {
                int row = members[g][i];
                if (part[row] == from) {
                    part[row] = to;
                    moved++;
                }
            }
        }
    }

    /** Whole shares first, then one more row for the groups with the largest fractional shares. */
    private static int[] apportion(int[] sizes, double fraction, int wanted) {
        int[] quota = new int[sizes.length];
        double[] remainder = new double[sizes.length];
        int given = 0;
        for (int g = 0; g < sizes.length; g++) {
            double exact = sizes[g] * fraction;
            quota[g] = (int) Math.floor(exact);
            remainder[g] = exact - quota[g];
            given += quota[g];
        }
        for (; given < wanted; given++) {
            int largest = -1;
            for (int g = 0; g < sizes.length; g++) {
                if (quota[g] < sizes[g] && (largest < 0 || remainder[g] > remainder[largest])) {
                    largest = g;
                }
            }
            quota[largest]++;
            remainder[largest] = -1;
        }
        return quota;
    }

    /** Fold numbers dealt round-robin, group after group, so folds differ by at most one row and one row per class. */
    int[] deal(int folds) {
        int[] fold = new int[order.length];
        int next = 0;
        for (int[] group : members) {
            for (int row : group) {
                fold[row] = next++ % folds;
            }
        }
        return fold;
    }

    /** The rows of each part (train, validation, test), in shuffled order. */
    int[][] rowsByPart(int[] part) {
        int[] sizes = new int[3];
        for (int p : part) {
            sizes[p]++;
        }
        int[][] rows = {new int[sizes[TRAIN]], new int[sizes[VALIDATION]], new int[sizes[TEST]]};
        int[] filled = new int[3];
        for (int row : order) {
            rows[part[row]][filled[part[row]]++] = row;
        }
        return rows;
    }
}
