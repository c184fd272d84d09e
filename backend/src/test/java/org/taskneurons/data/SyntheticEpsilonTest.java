package org.taskneurons.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The paper's synthetic files load as 600 x 10 regression sets, and their targets are the
 * {@link Synthetic#paperGroup} formulas plus noise of the documented relative level, which
 * pins down the generator's conventions against the paper's own data.
 */
class SyntheticEpsilonTest {

    static Stream<Arguments> files() {
        return Stream.of(new Object[][] {{"low", Synthetic.LOW_NOISE}, {"medium", Synthetic.MEDIUM_NOISE},
                        {"high", Synthetic.HIGH_NOISE}})
                .flatMap(level -> IntStream.rangeClosed(1, 7).mapToObj(group -> Arguments.of(
                        "epsilon_" + level[0] + "_no" + group + ".csv", group, level[1])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void loadsAsSixHundredRowsOfTenInputs(String file, int group, double noise) throws IOException {
        Dataset data = Dataset.read(SharedData.file("synthetic-epsilon/" + file), ReadOptions.defaults());

        assertThat(data.rows()).isEqualTo(600);
        assertThat(data.featureNames()).containsExactly("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10");
        assertThat(data.targetName()).isEqualTo("y");
        assertThat(data.kind()).isEqualTo(TaskKind.REGRESSION);
        assertThat(DoubleStream.of(data.column("x1")).boxed()).allSatisfy(x -> assertThat(x).isBetween(-50.0, 50.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void targetIsThePaperFormulaPlusNoiseOfItsLevel(String file, int group, double noise) throws IOException {
        Dataset data = Dataset.read(SharedData.file("synthetic-epsilon/" + file), ReadOptions.defaults());
        Synthetic formula = Synthetic.paperGroup(group, noise);

        double signalSquares = 0;
        double noiseSquares = 0;
        double[] x = new double[data.featureCount()];
        for (int row = 0; row < data.rows(); row++) {
            for (int j = 0; j < x.length; j++) {
                x[j] = data.column(j)[row];
            }
            double signal = formula.signal(x);
            signalSquares += signal * signal;
            noiseSquares += (data.target()[row] - signal) * (data.target()[row] - signal);
        }

        assertThat(Math.sqrt(noiseSquares / signalSquares)).isCloseTo(noise, within(noise * 0.1));
    }
}
