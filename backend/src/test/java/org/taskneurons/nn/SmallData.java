package org.taskneurons.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.TaskKind;

/** Small synthetic data sets for training tests, in [0, 1]-ish units so that no scaling is needed. */
final class SmallData {
    private SmallData() {
    }

    /** y = 0.5·Σ x_j² − 0.3·Σ x_j + noise with x uniform in [0, 1]. */
    static Dataset regression(String name, int rows, int features, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] columns = new double[features][rows];
        double[] target = new double[rows];
        for (int row = 0; row < rows; row++) {
            double y = 0;
            for (int c = 0; c < features; c++) {
                double x = random.nextDouble();
                columns[c][row] = x;
                y += 0.5 * x * x - 0.3 * x;
            }
            target[row] = y + 0.01 * random.nextGaussian();
        }
        return Dataset.of(name, names(features), columns, target, "y", TaskKind.REGRESSION, List.of());
    }

    /** Three Gaussian blobs of 2 features around (0.2, 0.2), (0.8, 0.2), (0.5, 0.8), standard deviation 0.06. */
    static Dataset blobs(String name, int rows, long seed) {
        double[][] centres = {{0.2, 0.2}, {0.8, 0.2}, {0.5, 0.8}};
        SplittableRandom random = new SplittableRandom(seed);
        double[][] columns = new double[2][rows];
        double[] target = new double[rows];
        for (int row = 0; row < rows; row++) {
            int label = row % 3;
            columns[0][row] = centres[label][0] + 0.06 * random.nextGaussian();
            columns[1][row] = centres[label][1] + 0.06 * random.nextGaussian();
            target[row] = label;
        }
        return Dataset.of(name, names(2), columns, target, "class", TaskKind.CLASSIFICATION, List.of("left", "right", "top"));
    }

    private static List<String> names(int features) {
        List<String> names = new ArrayList<>();
        for (int c = 1; c <= features; c++) {
            names.add("x" + c);
        }
        return names;
    }
}
