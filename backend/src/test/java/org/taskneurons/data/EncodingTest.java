package org.taskneurons.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.ReadOptions.Encoding;
import org.taskneurons.data.ReadOptions.Missing;
import org.taskneurons.data.ReadOptions.Task;

/** How columns become features and targets: categories, class labels, task kinds, column choice, missing values. */
class EncodingTest {
    private static final ReadOptions DEFAULTS = ReadOptions.defaults();
    private static final String COLOURS = "colour,size,y\nred,1,10\nblue,2,20\ngreen,3,30\nred,4,40\n";

    @Test
    void oneHotGivesOneColumnPerSortedCategory() {
        Dataset data = Dataset.parse("colours", COLOURS, DEFAULTS);

        assertThat(data.featureNames()).containsExactly("colour=blue", "colour=green", "colour=red", "size");
        assertThat(data.column("colour=blue")).containsExactly(0, 1, 0, 0);
        assertThat(data.column("colour=green")).containsExactly(0, 0, 1, 0);
        assertThat(data.column("colour=red")).containsExactly(1, 0, 0, 1);
        assertThat(data.column("size")).containsExactly(1, 2, 3, 4);
    }

    @Test
    void ordinalGivesEachCategoryItsRank() {
        Dataset data = Dataset.parse("colours", COLOURS, DEFAULTS.withEncoding(Encoding.ORDINAL));

        assertThat(data.featureNames()).containsExactly("colour", "size");
        assertThat(data.column("colour")).containsExactly(2, 0, 1, 2);
    }

    static Stream<Arguments> categoryOrders() {
        return Stream.of(
                // case, text, options, feature names
                Arguments.of("numbers before text, numbers by value", "c,y\nlow,1\n10,2\nhigh,3\n9,4\nmid,5\n", DEFAULTS,
                        List.of("c=9", "c=10", "c=high", "c=low", "c=mid")),
                Arguments.of("declared categorical numbers", "season,y\n2,1\n10,2\n1,3\n2,4\n",
                        DEFAULTS.withCategorical("season"), List.of("season=1", "season=2", "season=10")),
                Arguments.of("1 and 1.0 are one category", "c,y\n1,1\n1.0,2\na,3\n", DEFAULTS.withCategorical("c"),
                        List.of("c=1", "c=a")),
                Arguments.of("categorical by index", "1,2,3\n4,5,6\n", DEFAULTS.withCategorical("1"),
                        List.of("1=1", "1=4", "2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("categoryOrders")
    void categoriesAreOrdered(String description, String text, ReadOptions options, List<String> features) {
        assertThat(Dataset.parse("c", text, options).featureNames()).isEqualTo(features);
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                // case, text, options, kind, labels, target
                Arguments.of("numbers are regression", "x,y\n1,3\n2,1\n3,3\n", DEFAULTS,
                        TaskKind.REGRESSION, List.of(), new double[] {3, 1, 3}),
                Arguments.of("text labels are classification", "x,y\n1,up\n2,down\n3,up\n", DEFAULTS,
                        TaskKind.CLASSIFICATION, List.of("down", "up"), new double[] {1, 0, 1}),
                Arguments.of("numeric labels asked for, sorted by value", "x,y\n1,10\n2,9\n3,1\n4,9\n",
                        DEFAULTS.withTask(Task.CLASSIFICATION),
                        TaskKind.CLASSIFICATION, List.of("1", "9", "10"), new double[] {2, 1, 0, 1}),
                Arguments.of("declared categorical target", "x,y\n1,2\n2,1\n", DEFAULTS.withCategorical("y"),
                        TaskKind.CLASSIFICATION, List.of("1", "2"), new double[] {1, 0}),
                Arguments.of("target first", "y,x\n5,1\n6,2\n", DEFAULTS.withTarget("first"),
                        TaskKind.REGRESSION, List.of(), new double[] {5, 6}),
                Arguments.of("target by 1-based index", "a,b,c\n1,2,3\n4,5,6\n", DEFAULTS.withTarget("2"),
                        TaskKind.REGRESSION, List.of(), new double[] {2, 5}),
                Arguments.of("target name ignoring case", "x,Class\n1,a\n2,b\n", DEFAULTS.withTarget("class"),
                        TaskKind.CLASSIFICATION, List.of("a", "b"), new double[] {0, 1}),
                Arguments.of("a name wins over an index", "2,1,x\n7,8,9\n", DEFAULTS.withTarget("1").withHeader(
                        ReadOptions.Header.PRESENT), TaskKind.REGRESSION, List.of(), new double[] {8}),
                Arguments.of("constant target is kept", "x,y\n1,4\n2,4\n", DEFAULTS,
                        TaskKind.REGRESSION, List.of(), new double[] {4, 4}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void targetsAreReadByTask(String description, String text, ReadOptions options, TaskKind kind, List<String> labels,
                              double[] target) {
        Dataset data = Dataset.parse("t", text, options);

        assertThat(data.kind()).isEqualTo(kind);
        assertThat(data.classLabels()).isEqualTo(labels);
        assertThat(data.target()).containsExactly(target);
    }

    @Test
    void columnsAreDroppedByNameOrIndex() {
        Dataset data = Dataset.parse("d", "id,day,x,leak,y\n1,mon,5,9,7\n2,tue,6,8,9\n", DEFAULTS.withDrop("id", "2", "leak"));

        assertThat(data.featureNames()).containsExactly("x");
    }

    static Stream<Arguments> missingValues() {
        String text = "x,c,y\n1,a,1\nNA,b,2\n4,?,3\n7,b,4\n";
        return Stream.of(
                // policy, x, c=a, c=b, target
                Arguments.of(Missing.MEAN, new double[] {1, 4, 4, 7}, new double[] {1, 0, 0, 0},
                        new double[] {0, 1, 1, 1}, new double[] {1, 2, 3, 4}, text),
                Arguments.of(Missing.MEDIAN, new double[] {1, 4, 4, 7}, new double[] {1, 0, 0, 0},
                        new double[] {0, 1, 1, 1}, new double[] {1, 2, 3, 4}, "x,c,y\n1,a,1\nNA,b,2\n4,?,3\n7,b,4\n"),
                Arguments.of(Missing.MEDIAN, new double[] {1, 3, 4, 100, 2}, new double[] {1, 0, 0, 0, 0},
                        new double[] {0, 1, 1, 1, 1}, new double[] {1, 2, 3, 4, 5},
                        "x,c,y\n1,a,1\nNA,b,2\n4,?,3\n100,b,4\n2,b,5\n"),
                Arguments.of(Missing.DROP_ROWS, new double[] {1, 7}, new double[] {1, 0},
                        new double[] {0, 1}, new double[] {1, 4}, text),
                Arguments.of(Missing.DROP_ROWS, new double[] {1, 7}, new double[] {1, 0},
                        new double[] {0, 1}, new double[] {1, 4}, "x,c,y\n1,a,1\n2,b,\n4,?,3\n7,b,4\n"));
    }

    @ParameterizedTest(name = "{0}: {5}")
    @MethodSource("missingValues")
    void missingValuesAreImputedOrDroppedWhenAsked(Missing policy, double[] x, double[] a, double[] b, double[] y,
                                                   String text) {
        Dataset data = Dataset.parse("m", text, DEFAULTS.withMissing(policy));

        assertThat(data.column("x")).containsExactly(x);
        assertThat(data.column("c=a")).containsExactly(a);
        assertThat(data.column("c=b")).containsExactly(b);
        assertThat(data.target()).containsExactly(y);
    }

    @Test
    void missingTokensCanBeReplaced() {
        Dataset data = Dataset.parse("m", "x,y\n-999,1\n3,2\n5,3\nNA,4\n",
                DEFAULTS.withMissingTokens("-999").withMissing(Missing.MEAN).withCategorical("x"));

        assertThat(data.featureNames()).containsExactly("x=3", "x=5", "x=NA");
        assertThat(data.column("x=3")).containsExactly(1, 1, 0, 0);
    }
}
