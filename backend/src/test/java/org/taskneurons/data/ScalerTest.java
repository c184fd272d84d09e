package org.taskneurons.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.ColumnScale.MinMax;
import org.taskneurons.data.ColumnScale.Standard;

/** Scales fitted on training rows only, applied to other rows, and inverted for the target. */
class ScalerTest {
    private static final Dataset TRAIN = regression(new double[] {0, 5, 10}, new double[] {7, 7, 7},
            new double[] {100, 200, 300});
    private static final Dataset TEST = regression(new double[] {-5, 20}, new double[] {7, 8},
            new double[] {50, 400});

    private static Dataset regression(double[] x, double[] constant, double[] y) {
        return Dataset.of("r", List.of("x", "constant"), new double[][] {x, constant}, y, "y", TaskKind.REGRESSION,
                List.of());
    }

    static Stream<Arguments> scalings() {
        double std = Math.sqrt(50.0 / 3);
        return Stream.of(
                // scaling, fitted x, fitted constant, fitted target, scaled test x, scaled test constant, scaled test y
                Arguments.of(Scaling.MIN_MAX, new MinMax(0, 10), new MinMax(7, 7), new MinMax(100, 300),
                        new double[] {-0.5, 2}, new double[] {0, 0}, new double[] {-0.25, 1.5}),
                Arguments.of(Scaling.STANDARD, new Standard(5, std), new Standard(7, 0),
                        new Standard(200, 10 * Math.sqrt(2.0 / 3) * 10),
                        new double[] {-10 / std, 15 / std}, new double[] {0, 0},
                        new double[] {-150 / (100 * Math.sqrt(2.0 / 3)), 200 / (100 * Math.sqrt(2.0 / 3))}),
                Arguments.of(Scaling.NONE, ColumnScale.identity(), ColumnScale.identity(), ColumnScale.identity(),
                        new double[] {-5, 20}, new double[] {7, 8}, new double[] {50, 400}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scalings")
    void fitsOnTrainingRowsOnlyAndAppliesToOthers(Scaling scaling, ColumnScale x, ColumnScale constant, ColumnScale y,
                                                  double[] testX, double[] testConstant, double[] testY) {
        Scaler scaler = Scaler.fit(TRAIN, scaling);
        Dataset scaled = scaler.apply(TEST);

        assertSameScale(scaler.features().get(0), x);
        assertSameScale(scaler.features().get(1), constant);
        assertSameScale(scaler.target(), y);
        assertThat(scaled.column("x")).containsExactly(testX, within(1e-12));
        assertThat(scaled.column("constant")).containsExactly(testConstant, within(1e-12));
        assertThat(scaled.target()).containsExactly(testY, within(1e-12));
    }

    private static void assertSameScale(ColumnScale actual, ColumnScale expected) {
        assertThat(actual).usingRecursiveComparison()
                .withComparatorForType((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b), Double.class)
                .isEqualTo(expected);
    }

    @Test
    void minMaxPutsTrainingValuesInTheUnitInterval() throws IOException {
        Dataset data = Dataset.read(SharedData.file("public/airfoil_self_noise.dat"), ReadOptions.defaults());
        Split split = Split.of(data, 10);

        Scaler scaler = Scaler.fit(split.train(), Scaling.MIN_MAX);
        Dataset train = scaler.apply(split.train());

        for (int c = 0; c < train.featureCount(); c++) {
            assertThat(DoubleStream.of(train.column(c)).boxed()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
            assertThat(train.column(c)).contains(0.0, 1.0);
        }
        assertThat(DoubleStream.of(train.target()).boxed()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    }

    @ParameterizedTest
    @EnumSource(Scaling.class)
    void invertingTheTargetRoundTrips(Scaling scaling) {
        Scaler scaler = Scaler.fit(TRAIN, scaling);
        Dataset scaled = scaler.apply(TEST);

        assertThat(scaler.invertTarget(scaled.target())).containsExactly(TEST.target(), within(1e-9));
        assertThat(scaler.invertTarget(scaler.applyTarget(123.0))).isCloseTo(123.0, within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(value = Scaling.class, names = {"MIN_MAX", "STANDARD"})
    void aConstantColumnMapsToZeroEvenWithRounding(Scaling scaling) {
        double[] tenths = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
        ColumnScale scale = scaling.fit(tenths);

        assertThat(scale.apply(0.1)).isZero();
        assertThat(scale.invert(0)).isEqualTo(0.1);
    }

    @Test
    void classIdsAreLeftAlone() {
        Dataset classes = Dataset.of("c", List.of("x"), new double[][] {{1, 3}}, new double[] {0, 1}, "y",
                TaskKind.CLASSIFICATION, List.of("a", "b"));

        Scaler scaler = Scaler.fit(classes, Scaling.MIN_MAX);

        assertThat(scaler.target()).isEqualTo(ColumnScale.identity());
        assertThat(scaler.apply(classes).target()).containsExactly(0, 1);
        assertThatThrownBy(() -> Scaler.fit(classes, Scaling.MIN_MAX, Scaling.STANDARD))
                .hasMessage("class ids of 'c' cannot be scaled: STANDARD");
    }

    @Test
    void rejectsDataOfAnotherShape() {
        Dataset other = Dataset.of("o", List.of("x"), new double[][] {{1}}, new double[] {1}, "y",
                TaskKind.REGRESSION, List.of());

        assertThatThrownBy(() -> Scaler.fit(TRAIN, Scaling.MIN_MAX).apply(other))
                .isInstanceOf(DataException.class)
                .hasMessage("o: the scaler was fitted on 2 features, the data set has 1");
    }

    @Test
    void scalesValidateTheirParameters() {
        assertThatThrownBy(() -> new MinMax(2, 1)).hasMessage("min-max scale needs finite min <= max: [2.0, 1.0]");
        assertThatThrownBy(() -> new Standard(0, -1)).hasMessage("standard scale needs a finite mean and std >= 0: mean 0.0, std -1.0");
    }
}
