package org.taskneurons.sr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {

    @Test
    void gramAndQrPathsAgreeAndRecoverExactCoefficients() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 200;
        double[][] columns = new double[3][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            columns[0][i] = random.nextDouble(-1, 1);
            columns[1][i] = 1000 * random.nextDouble(-1, 1);
            columns[2][i] = 1.0;
            y[i] = 2 * columns[0][i] - 0.003 * columns[1][i] + 7;
        }
        LeastSquares.Fit qr = LeastSquares.fromColumns(columns, y);
        assertThat(qr.coefficients()[0]).isCloseTo(2, within(1e-12));
        assertThat(qr.coefficients()[1]).isCloseTo(-0.003, within(1e-15));
        assertThat(qr.coefficients()[2]).isCloseTo(7, within(1e-12));
        assertThat(qr.rss()).isLessThan(1e-20);
        assertThat(qr.rank()).isEqualTo(3);

        double[][] gram = new double[3][3];
        double[] rhs = new double[3];
        double yy = 0;
        for (int i = 0; i < n; i++) {
            yy += y[i] * y[i];
            for (int a = 0; a < 3; a++) {
                rhs[a] += columns[a][i] * y[i];
                for (int b = 0; b < 3; b++) {
                    gram[a][b] += columns[a][i] * columns[b][i];
                }
            }
        }
        LeastSquares.Fit normal = LeastSquares.fromGram(gram, rhs, yy);
        for (int a = 0; a < 3; a++) {
            assertThat(normal.coefficients()[a]).isCloseTo(qr.coefficients()[a], within(1e-8 * Math.abs(qr.coefficients()[a])));
        }
    }

    @Test
    void duplicateColumnsAreSkippedNotFatal() {
        double[] a = {1, 2, 3, 4};
        double[] y = {2, 4, 6, 8.5};
        LeastSquares.Fit qr = LeastSquares.fromColumns(new double[][] {a, a.clone()}, y);
        assertThat(qr.rank()).isEqualTo(1);
        assertThat(qr.coefficients()[1]).isZero();
        double[][] gram = {{30, 30}, {30, 30}};
        LeastSquares.Fit normal = LeastSquares.fromGram(gram, new double[] {62, 62}, 4 + 16 + 36 + 72.25);
        assertThat(normal.rank()).isEqualTo(1);
        assertThat(normal.coefficients()[0]).isCloseTo(qr.coefficients()[0], within(1e-12));
        assertThat(normal.rss()).isCloseTo(qr.rss(), within(1e-9));
    }
}
