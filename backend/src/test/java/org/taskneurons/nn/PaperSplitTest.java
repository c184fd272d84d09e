package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PaperSplitTest {

    /** Values printed by numpy 2.4: {@code np.random.RandomState(10).permutation(600)}. */
    @Test
    void permutationIsNumpys() {
        int[] permutation = PaperSplit.permutation(600, 10);

        assertThat(Arrays.copyOfRange(permutation, 0, 12)).containsExactly(69, 27, 488, 540, 285, 467, 407, 299, 152,
                142, 493, 570);
        assertThat(Arrays.copyOfRange(permutation, 595, 600)).containsExactly(369, 320, 527, 125, 265);
        assertThat(Arrays.stream(permutation).sorted().toArray()).isEqualTo(IntStream.range(0, 600).toArray());
    }
}
