package org.taskneurons.sr;

/**
 * Centered moments of the power sums s_1..s_D and the target, computed once per data set and
 * shared read-only by all search threads: fitting the outer coefficients of a polynomial
 * candidate then costs a D×D factorization, independent of the number of rows.
 */
final class PowerMoments {
    private final double[][] sums;
    private final double[] means;
    private final double[][] covariance;
    private final double[] targetCovariance;
    private final double targetMean;
    private final double totalSumOfSquares;

    private PowerMoments(SearchData data, int degree) {
        this.sums = data.powerSums(degree);
        double[] y = data.target();
        int n = y.length;
        this.targetMean = data.targetMean();
        this.means = new double[degree + 1];
        for (int k = 1; k <= degree; k++) {
            double total = 0;
            for (double v : sums[k]) {
                total += v;
            }
            means[k] = total / n;
        }
        this.covariance = new double[degree + 1][degree + 1];
        this.targetCovariance = new double[degree + 1];
        for (int a = 1; a <= degree; a++) {
            for (int b = 1; b <= a; b++) {
                double c = 0;
                for (int i = 0; i < n; i++) {
                    c += (sums[a][i] - means[a]) * (sums[b][i] - means[b]);
                }
                covariance[a][b] = covariance[b][a] = c;
            }
            double c = 0;
            for (int i = 0; i < n; i++) {
                c += (sums[a][i] - means[a]) * (y[i] - targetMean);
            }
            targetCovariance[a] = c;
        }
        double sst = 0;
        for (double v : y) {
            sst += (v - targetMean) * (v - targetMean);
        }
        this.totalSumOfSquares = sst;
    }

    static PowerMoments of(SearchData data, int degree) {
        return new PowerMoments(data, degree);
    }

    int degree() {
        return means.length - 1;
    }

    double[] sum(int k) {
        return sums[k];
    }

    double mean(int k) {
        return means[k];
    }

    double covariance(int a, int b) {
        return covariance[a][b];
    }

    double targetCovariance(int k) {
        return targetCovariance[k];
    }

    double targetMean() {
        return targetMean;
    }

    double totalSumOfSquares() {
        return totalSumOfSquares;
    }
}
