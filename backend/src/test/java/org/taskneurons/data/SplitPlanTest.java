package org.taskneurons.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded splits. Every data set here has a feature "id" holding the row number, so that the
 * rows of each part can be traced back.
 */
class SplitPlanTest {
    /** 100 rows in classes of 50, 30, 15 and 5 rows. */
    private static final Dataset CLASSES = numbered(100, row -> row < 50 ? 0 : row < 80 ? 1 : row < 95 ? 2 : 3,
            TaskKind.CLASSIFICATION, List.of("a", "b", "c", "d"));
    private static final Dataset VALUES = numbered(1000, row -> row * 0.5, TaskKind.REGRESSION, List.of());

    private static Dataset numbered(int rows, java.util.function.IntToDoubleFunction target, TaskKind kind,
                                    List<String> labels) {
        double[] ids = IntStream.range(0, rows).asDoubleStream().toArray();
        return Dataset.of("n", List.of("id"), new double[][] {ids}, IntStream.range(0, rows).mapToDouble(target).toArray(),
                "y", kind, labels);
    }

    private static int[] ids(Dataset part) {
        return DoubleStream.of(part.column("id")).mapToInt(v -> (int) v).toArray();
    }

    static Stream<Arguments> plans() {
        return Stream.of(
                // data, plan, train rows, validation rows, test rows
                Arguments.of(VALUES, SplitPlan.defaults(), 800, 0, 200),
                Arguments.of(CLASSES, SplitPlan.defaults(), 80, 0, 20),
                Arguments.of(CLASSES, SplitPlan.defaults().withStratified(false), 80, 0, 20),
                Arguments.of(VALUES, SplitPlan.defaults().withValidationFraction(0.1), 720, 80, 200),
                Arguments.of(CLASSES, SplitPlan.defaults().withTestFraction(0.3).withValidationFraction(0.25), 52, 18, 30),
                Arguments.of(VALUES, SplitPlan.defaults().withTestFraction(0.333), 667, 0, 333));
    }

    @ParameterizedTest(name = "{1} of {2} + {3} + {4}")
    @MethodSource("plans")
    void partsHaveTheRoundedSizesAndCoverEveryRowOnce(Dataset data, SplitPlan plan, int train, int validation, int test) {
        Split split = plan.split(data, 10);

        assertThat(split.train().rows()).isEqualTo(train);
        assertThat(split.validation().rows()).isEqualTo(validation);
        assertThat(split.test().rows()).isEqualTo(test);
        assertThat(split.hasValidation()).isEqualTo(validation > 0);
        assertCoversEveryRowOnce(data, split);
    }

    private static void assertCoversEveryRowOnce(Dataset data, Split split) {
        List<Integer> all = new ArrayList<>();
        Stream.of(split.train(), split.validation(), split.test())
                .forEach(part -> Arrays.stream(ids(part)).forEach(all::add));
        assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.range(0, data.rows()).boxed().toList());
    }

    @Test
    void theSameSeedGivesTheSameSplit() {
        Split first = Split.of(VALUES, 42);
        Split second = Split.of(VALUES, 42);

        assertThat(ids(first.train())).containsExactly(ids(second.train()));
        assertThat(ids(first.test())).containsExactly(ids(second.test()));
        assertThat(first).isEqualTo(second);
    }

    @Test
    void differentSeedsGiveDifferentSplits() {
        assertThat(ids(Split.of(VALUES, 1).test())).isNotEqualTo(ids(Split.of(VALUES, 2).test()));
    }

    @Test
    void partsAreShuffledNotSorted() {
        int[] train = ids(Split.of(VALUES, 7).train());

        assertThat(train).isNotEqualTo(IntStream.of(train).sorted().toArray());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 10, 12345})
    void stratificationKeepsEachClassWithinOneRowOfItsShare(long seed) {
        Split split = SplitPlan.defaults().withValidationFraction(0.2).split(CLASSES, seed);

        int[] sizes = {50, 30, 15, 5};
        for (int c = 0; c < sizes.length; c++) {
            int test = count(split.test(), c);
            int validation = count(split.validation(), c);
            assertThat((double) test).as("class %d in test", c).isBetween(sizes[c] * 0.2 - 1, sizes[c] * 0.2 + 1);
            assertThat((double) validation).as("class %d in validation", c)
                    .isBetween((sizes[c] - test) * 0.2 - 1, (sizes[c] - test) * 0.2 + 1);
        }
    }

    private static int count(Dataset part, int classId) {
        return (int) DoubleStream.of(part.target()).filter(id -> id == classId).count();
    }

    @Test
    void repetitionsUseConsecutiveSeeds() {
        List<Split> splits = SplitPlan.defaults().repeat(CLASSES, 5, 3);

        assertThat(splits).containsExactly(Split.of(CLASSES, 5), Split.of(CLASSES, 6), Split.of(CLASSES, 7));
    }

    @ParameterizedTest(name = "{0} folds")
    @ValueSource(ints = {2, 5, 7})
    void foldsTestEveryRowExactlyOnce(int folds) {
        List<Split> splits = SplitPlan.defaults().kFold(CLASSES, 3, folds);

        List<Integer> tested = new ArrayList<>();
        for (Split split : splits) {
            assertThat(split.test().rows()).isBetween(100 / folds, 100 / folds + 1);
            assertThat(count(split.test(), 3)).isBetween(5 / folds, 5 / folds + 1);
            assertCoversEveryRowOnce(CLASSES, split);
            Arrays.stream(ids(split.test())).forEach(tested::add);
        }
        assertThat(tested).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 100).boxed().toList());
    }

    @Test
    void rejectsPlansThatLeaveAPartEmpty() {
        Dataset two = VALUES.select(new int[] {0, 1});

        assertThatThrownBy(() -> Split.of(two, 1))
                .isInstanceOf(DataException.class)
                .hasMessage("n: test fraction 0.2 of 2 rows gives 0 test rows and 2 left for training");
        assertThatThrownBy(() -> new SplitPlan(1.0, 0, true)).hasMessage("test fraction out of range (0, 1): 1.0");
        assertThatThrownBy(() -> new SplitPlan(0.2, -0.1, true))
                .hasMessage("validation fraction out of range [0, 1): -0.1");
        assertThatThrownBy(() -> SplitPlan.defaults().kFold(two, 1, 3))
                .hasMessage("number of folds out of range [2, 2]: 3");
    }
}
