package org.taskneurons.nn;

import java.util.Arrays;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.Split;

/**
 * The rows scikit-learn's {@code train_test_split(test_size=0.2, random_state=seed)} picks, so
 * that a test can rerun the paper's code on the same split: the permutation of numpy's legacy
 * {@code RandomState(seed)} (MT19937 seeded with init_genrand, a Fisher–Yates shuffle drawing
 * each index by masked rejection), the first ⌈0.2·n⌉ rows for testing and the next
 * ⌊0.8·n⌋ for training.
 */
final class PaperSplit {
    private static final int N = 624;
    private static final int M = 397;

    private final int[] state = new int[N];
    private int index;

    private PaperSplit(long seed) {
        state[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            state[i] = 1812433253 * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /** The split of {@code data} that scikit-learn makes with {@code random_state = seed}; no validation rows. */
    static Split of(Dataset data, long seed) {
        int rows = data.rows();
        int[] permutation = permutation(rows, seed);
        int test = (int) Math.ceil(0.2 * rows);
        int train = (int) Math.floor(0.8 * rows);
        return new Split(data.select(Arrays.copyOfRange(permutation, test, test + train)), data.select(new int[0]),
                data.select(Arrays.copyOfRange(permutation, 0, test)));
    }

    /** numpy's {@code RandomState(seed).permutation(n)}. */
    static int[] permutation(int n, long seed) {
        PaperSplit random = new PaperSplit(seed);
        int[] values = new int[n];
        Arrays.setAll(values, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = random.interval(i);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }

    /** A uniform integer in [0, max] by rejection of the draws above max under the smallest covering bit mask. */
    private int interval(int max) {
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextInt() & 0xFFFFFFFFL & mask;
        } while (value > max);
        return (int) value;
    }

    private int nextInt() {
        if (index >= N) {
            twist();
        }
        int y = state[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        return y ^ (y >>> 18);
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (state[i] & 0x80000000) | (state[(i + 1) % N] & 0x7FFFFFFF);
            state[i] = state[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908B0DF : 0);
        }
        index = 0;
    }
}
