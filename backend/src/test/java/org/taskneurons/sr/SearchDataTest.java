package org.taskneurons.sr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SearchDataTest {

    static Stream<Arguments> badData() {
        return Stream.of(
                Arguments.of(new double[][] {{}}, new double[] {}, "no rows"),
                Arguments.of(new double[][] {}, new double[] {1, 2}, "no input columns"),
                Arguments.of(new double[][] {{1, 2, 3}}, new double[] {1, 2}, "column 'x1' has 3 rows but target 'y' has 2"),
                Arguments.of(new double[][] {{1, Double.NaN}}, new double[] {1, 2}, "column 'x1', row 2: value is NaN"),
                Arguments.of(new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 2}}, new double[] {1, 2},
                        "column 'x2', row 1: value is Infinity"),
                Arguments.of(new double[][] {{1, 2}}, new double[] {3, Double.NEGATIVE_INFINITY},
                        "column 'y', row 2: value is -Infinity"),
                Arguments.of(new double[][] {{1, 2, 3}}, new double[] {4, 4, 4}, "target 'y' is constant (4.0 in every row)"));
    }

    @ParameterizedTest
    @MethodSource("badData")
    void badDataIsRejectedNamingTheColumnAndRow(double[][] inputs, double[] target, String message) {
        assertThatThrownBy(() -> SearchData.of(inputs, target))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void powerSumsSumEveryInputsPower() {
        SearchData data = SearchData.of(new double[][] {{1, 2}, {3, -1}}, new double[] {0, 1});
        double[][] sums = data.powerSums(3);
        assertThat(sums[0]).containsExactly(2, 2);
        assertThat(sums[1]).containsExactly(4, 1);
        assertThat(sums[2]).containsExactly(10, 5);
        assertThat(sums[3]).containsExactly(28, 7);
    }
}
