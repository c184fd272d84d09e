package org.taskneurons.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The paper-style generator: shape, range, formula, noise level and seeding. */
class SyntheticTest {

    @Test
    void generatesThePapersShape() {
        Dataset data = Synthetic.paperGroup(1, Synthetic.LOW_NOISE).generate(10);

        assertThat(data.rows()).isEqualTo(600);
        assertThat(data.featureNames()).hasSize(10).startsWith("x1").endsWith("x10");
        assertThat(data.targetName()).isEqualTo("y");
        assertThat(data.kind()).isEqualTo(TaskKind.REGRESSION);
        for (int j = 0; j < data.featureCount(); j++) {
            assertThat(DoubleStream.of(data.column(j)).boxed()).allSatisfy(x -> assertThat(x).isGreaterThanOrEqualTo(-50).isLessThan(50));
        }
    }

    @Test
    void withoutNoiseTheTargetIsTheFormula() {
        Synthetic synthetic = new Synthetic(50, 3, -2, 2, List.of(1.0, -2.0, 0.5), 0);
        Dataset data = synthetic.generate(3);

        for (int row = 0; row < data.rows(); row++) {
            double expected = 0;
            for (int j = 0; j < 3; j++) {
                double x = data.column(j)[row];
                expected += 1 - 2 * x + 0.5 * x * x;
            }
            assertThat(data.target()[row]).isCloseTo(expected, within(1e-12));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {Synthetic.LOW_NOISE, Synthetic.MEDIUM_NOISE, Synthetic.HIGH_NOISE})
    void noiseHasTheRelativeLevelAsked(double level) {
        Synthetic synthetic = new Synthetic(20_000, 10, -50, 50, List.of(0.0, 5.0, 4.0), level);
        Dataset data = synthetic.generate(1);

        double signalSquares = 0;
        double noiseSquares = 0;
        double[] x = new double[10];
        for (int row = 0; row < data.rows(); row++) {
            for (int j = 0; j < 10; j++) {
                x[j] = data.column(j)[row];
            }
            double signal = synthetic.signal(x);
            signalSquares += signal * signal;
            noiseSquares += (data.target()[row] - signal) * (data.target()[row] - signal);
        }

        assertThat(Math.sqrt(noiseSquares / signalSquares)).isCloseTo(level, within(level * 0.03));
    }

    @Test
    void theSeedDecidesTheData() {
        Synthetic synthetic = Synthetic.paperGroup(6, Synthetic.HIGH_NOISE);

        assertThat(synthetic.generate(10)).isEqualTo(synthetic.generate(10));
        assertThat(synthetic.generate(10)).isNotEqualTo(synthetic.generate(11));
    }

    @Test
    void rejectsWhatCannotBeGenerated() {
        assertThatThrownBy(() -> Synthetic.paperGroup(8, 0)).hasMessage("paper group out of range [1, 7]: 8");
        assertThatThrownBy(() -> new Synthetic(10, 2, 1, 1, List.of(1.0), 0))
                .hasMessage("input range must be finite with low < high: [1.0, 1.0)");
        assertThatThrownBy(() -> new Synthetic(10, 2, 0, 1, List.of(), 0))
                .hasMessage("coefficients must be finite and at least one: []");
        assertThatThrownBy(() -> new Synthetic(10, 2, 0, 1, List.of(1.0), -0.1))
                .hasMessage("relative noise must be finite and at least 0: -0.1");
    }
}
