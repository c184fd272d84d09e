package org.taskneurons.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.ReadOptions.Task;

/** Every public data set loads with the options its README gives, into the documented shape. */
class PublicDataTest {
    private static final ReadOptions DEFAULTS = ReadOptions.defaults();

    static Stream<Arguments> dataSets() {
        return Stream.of(
                // file, options, rows, features, kind, classes, target name, first feature
                Arguments.of("california.csv", DEFAULTS.withTarget("target"), 20640, 8, TaskKind.REGRESSION, 0,
                        "target", "Longitude"),
                Arguments.of("airfoil_self_noise.dat", DEFAULTS.withTarget("TARGET"), 1503, 5, TaskKind.REGRESSION, 0,
                        "TARGET", "X0"),
                Arguments.of("wine_quality.csv", DEFAULTS.withTarget("target"), 6497, 11, TaskKind.REGRESSION, 0,
                        "target", "fixed.acidity"),
                // carat, 5 cuts, 7 colours, 8 clarities, depth, table, x, y, z
                Arguments.of("diamonds.csv", DEFAULTS.withTarget("price"), 53940, 26, TaskKind.REGRESSION, 0,
                        "price", "carat"),
                // sex one-hot into F, I, M, then 7 measurements; rings last
                Arguments.of("abalone.csv", DEFAULTS, 4177, 10, TaskKind.REGRESSION, 0, "9", "1=F"),
                Arguments.of("bike_sharing_hour.csv",
                        DEFAULTS.withTarget("cnt").withDrop("instant", "dteday", "casual", "registered"),
                        17379, 12, TaskKind.REGRESSION, 0, "cnt", "season"),
                Arguments.of("space_ga.csv", DEFAULTS.withTarget("target"), 3107, 6, TaskKind.REGRESSION, 0,
                        "target", "POP"),
                Arguments.of("electricity.csv", DEFAULTS.withTarget("class"), 45312, 8, TaskKind.CLASSIFICATION, 2,
                        "class", "date"),
                Arguments.of("phoneme.csv", DEFAULTS.withTarget("Class").withTask(Task.CLASSIFICATION), 5404, 5,
                        TaskKind.CLASSIFICATION, 2, "Class", "V1"),
                // 7 numeric columns and 9 categorical ones with 44 categories in all
                Arguments.of("bank_marketing.csv", DEFAULTS.withTarget("Class").withTask(Task.CLASSIFICATION), 45211, 51,
                        TaskKind.CLASSIFICATION, 2, "Class", "V1"),
                Arguments.of("magic04.data", DEFAULTS, 19020, 10, TaskKind.CLASSIFICATION, 2, "11", "1"),
                Arguments.of("vehicle.csv", DEFAULTS, 846, 18, TaskKind.CLASSIFICATION, 4, "19", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataSets")
    void loadsWithItsDocumentedShape(String file, ReadOptions options, int rows, int features, TaskKind kind,
                                     int classes, String targetName, String firstFeature) throws IOException {
        Dataset data = Dataset.read(SharedData.file("public/" + file), options);

        assertThat(data.rows()).isEqualTo(rows);
        assertThat(data.featureCount()).isEqualTo(features);
        assertThat(data.kind()).isEqualTo(kind);
        assertThat(data.classCount()).isEqualTo(classes);
        assertThat(data.targetName()).isEqualTo(targetName);
        assertThat(data.featureNames().get(0)).isEqualTo(firstFeature);
        assertThat(data.isTargetConstant()).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("classLabels")
    void classLabelsAreSorted(String file, String target, String[] labels) throws IOException {
        Dataset data = Dataset.read(SharedData.file("public/" + file),
                DEFAULTS.withTarget(target).withTask(Task.CLASSIFICATION));

        assertThat(data.classLabels()).containsExactly(labels);
    }

    static Stream<Arguments> classLabels() {
        return Stream.of(
                Arguments.of("vehicle.csv", "last", new String[] {"bus", "opel", "saab", "van"}),
                Arguments.of("electricity.csv", "class", new String[] {"DOWN", "UP"}),
                Arguments.of("magic04.data", "last", new String[] {"g", "h"}),
                Arguments.of("bank_marketing.csv", "Class", new String[] {"1", "2"}));
    }

    @ParameterizedTest(name = "{0} has {1}")
    @MethodSource("oneHotColumns")
    void categoricalColumnsAreOneHotInSortedOrder(String file, String target, String[] firstNames) throws IOException {
        Dataset data = Dataset.read(SharedData.file("public/" + file), DEFAULTS.withTarget(target));

        assertThat(data.featureNames()).containsSubsequence(firstNames);
        for (String name : firstNames) {
            assertThat(data.column(name)).containsOnly(0.0, 1.0);
        }
    }

    static Stream<Arguments> oneHotColumns() {
        return Stream.of(
                Arguments.of("diamonds.csv", "price",
                        new String[] {"cut=Fair", "cut=Good", "cut=Ideal", "cut=Premium", "cut=Very Good"}),
                Arguments.of("abalone.csv", "last", new String[] {"1=F", "1=I", "1=M"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstRows")
    void firstRowIsReadExactly(String file, ReadOptions options, double[] features, double target) throws IOException {
        Dataset data = Dataset.read(SharedData.file("public/" + file), options);

        for (int c = 0; c < features.length; c++) {
            assertThat(data.column(c)[0]).as(data.featureNames().get(c)).isEqualTo(features[c]);
        }
        assertThat(data.target()[0]).isEqualTo(target);
    }

    static Stream<Arguments> firstRows() {
        return Stream.of(
                Arguments.of("airfoil_self_noise.dat", DEFAULTS, new double[] {800, 0, 0.3048, 71.3, 0.00266337}, 126.201),
                Arguments.of("abalone.csv", DEFAULTS, new double[] {0, 0, 1, 0.455, 0.365}, 15),
                Arguments.of("california.csv", DEFAULTS.withTarget("first"), new double[] {-117.03, 32.78}, 171300),
                Arguments.of("vehicle.csv", DEFAULTS, new double[] {95, 48, 83}, 3));
    }
}
