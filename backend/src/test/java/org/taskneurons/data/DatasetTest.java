package org.taskneurons.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The data set value: validation, copies, row selection and lookup by name. */
class DatasetTest {
    private static final Dataset CLASSES = Dataset.of("classes", List.of("a", "b"),
            new double[][] {{1, 2, 3, 4}, {10, 20, 30, 40}}, new double[] {0, 1, 1, 0}, "label",
            TaskKind.CLASSIFICATION, List.of("no", "yes"));

    @Test
    void describesItsShape() {
        assertThat(CLASSES.rows()).isEqualTo(4);
        assertThat(CLASSES.featureCount()).isEqualTo(2);
        assertThat(CLASSES.classCount()).isEqualTo(2);
        assertThat(CLASSES.isClassification()).isTrue();
        assertThat(CLASSES).hasToString("Dataset[classes: 4 rows, 2 features, target label (2-class classification)]");
    }

    @Test
    void copiesWhatItIsGiven() {
        double[] column = {1, 2};
        double[] target = {3, 4};
        Dataset data = Dataset.of("d", List.of("x"), new double[][] {column}, target, "y", TaskKind.REGRESSION, List.of());

        column[0] = 99;
        target[0] = 99;

        assertThat(data.column("x")).containsExactly(1, 2);
        assertThat(data.target()).containsExactly(3, 4);
    }

    @Test
    void selectsRowsInTheOrderAsked() {
        Dataset picked = CLASSES.select(new int[] {3, 1, 1});

        assertThat(picked.column("a")).containsExactly(4, 2, 2);
        assertThat(picked.column("b")).containsExactly(40, 20, 20);
        assertThat(picked.target()).containsExactly(0, 1, 1);
        assertThat(picked.classLabels()).containsExactly("no", "yes");
        assertThat(CLASSES.select(new int[0]).rows()).isZero();
    }

    @Test
    void rejectsRowsOutOfRange() {
        assertThatThrownBy(() -> CLASSES.select(new int[] {0, 4}))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("row index out of range [0, 4): 4");
    }

    @Test
    void findsColumnsByNameAndListsThemWhenNotFound() {
        assertThat(CLASSES.column("label")).containsExactly(0, 1, 1, 0);
        assertThatThrownBy(() -> CLASSES.column("c"))
                .isInstanceOf(DataException.class)
                .hasMessage("classes: column 'c': no such column; the features are a, b and the target is label");
    }

    @Test
    void tellsWhetherTheTargetIsConstant() {
        assertThat(CLASSES.isTargetConstant()).isFalse();
        assertThat(CLASSES.select(new int[] {1, 2}).isTargetConstant()).isTrue();
    }

    @Test
    void equalsByValue() {
        Dataset same = Dataset.of("classes", List.of("a", "b"), new double[][] {{1, 2, 3, 4}, {10, 20, 30, 40}},
                new double[] {0, 1, 1, 0}, "label", TaskKind.CLASSIFICATION, List.of("no", "yes"));

        assertThat(same).isEqualTo(CLASSES).hasSameHashCodeAs(CLASSES);
        assertThat(CLASSES.select(new int[] {0, 1, 2, 3})).isEqualTo(CLASSES);
        assertThat(CLASSES.select(new int[] {1, 0, 2, 3})).isNotEqualTo(CLASSES);
    }

    static Stream<Arguments> invalid() {
        double[] two = {1, 2};
        return Stream.of(
                Arguments.of(List.of("x", "z"), new double[][] {two}, two, TaskKind.REGRESSION, List.of(),
                        "d: 2 feature names for 1 columns"),
                Arguments.of(List.of(), new double[0][], two, TaskKind.REGRESSION, List.of(), "d: no feature columns"),
                Arguments.of(List.of("x", "x"), new double[][] {two, two}, two, TaskKind.REGRESSION, List.of(),
                        "d: column 'x': two features have this name"),
                Arguments.of(List.of("x"), new double[][] {{1}}, two, TaskKind.REGRESSION, List.of(),
                        "d: column 'x': 1 rows, but the target has 2"),
                Arguments.of(List.of("x"), new double[][] {{1, Double.NaN}}, two, TaskKind.REGRESSION, List.of(),
                        "d: column 'x': row 1 (0-based) is not finite: NaN"),
                Arguments.of(List.of("x"), new double[][] {two}, new double[] {1, Double.POSITIVE_INFINITY},
                        TaskKind.REGRESSION, List.of(), "d: column 'y': row 1 (0-based) is not finite: Infinity"),
                Arguments.of(List.of("x"), new double[][] {two}, two, TaskKind.REGRESSION, List.of("a"),
                        "d: a regression data set has no class labels: [a]"),
                Arguments.of(List.of("x"), new double[][] {two}, two, TaskKind.CLASSIFICATION, List.of("a", "a"),
                        "d: class labels must be present and distinct: [a, a]"),
                Arguments.of(List.of("x"), new double[][] {two}, two, TaskKind.CLASSIFICATION, List.of("a", "b"),
                        "d: column 'y': row 1 (0-based) is not a class id in [0, 2): 2.0"),
                Arguments.of(List.of("x"), new double[][] {two}, new double[] {0, 0.5}, TaskKind.CLASSIFICATION,
                        List.of("a", "b"), "d: column 'y': row 1 (0-based) is not a class id in [0, 2): 0.5"));
    }

    @ParameterizedTest(name = "{5}")
    @MethodSource("invalid")
    void rejectsInconsistentValues(List<String> names, double[][] columns, double[] target, TaskKind kind,
                                   List<String> labels, String message) {
        assertThatThrownBy(() -> Dataset.of("d", names, columns, target, "y", kind, labels))
                .isInstanceOf(DataException.class)
                .hasMessage(message);
    }
}
