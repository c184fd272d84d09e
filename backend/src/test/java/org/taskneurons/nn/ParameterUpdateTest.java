package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fused updates against PyTorch's update rules written out in Java, over a few steps of fixed gradients. */
class ParameterUpdateTest {
    private static final double[][] GRADIENTS = {{0.5, -2.0, 0.0}, {0.25, -1.0, 3.0}, {-0.5, 0.1, 1.0}, {1.0, 1.0, -1.0}};
    private static final double[] START = {1.0, -0.5, 2.0};

    @ParameterizedTest(name = "{0} lr {1} weight decay {2} momentum {3}")
    @CsvSource({
            "RMSPROP, 0.01, 0, 0",
            "RMSPROP, 0.001, 0.1, 0",
            "ADAM, 0.01, 0, 0",
            "ADAM, 0.05, 0.01, 0",
            "SGD, 0.1, 0, 0",
            "SGD, 0.1, 0.01, 0.9"})
    void matchesPyTorchsRule(OptimizerKind kind, double learningRate, double weightDecay, double momentum) {
        ParameterUpdate update = new ParameterUpdate(kind, learningRate, weightDecay, momentum);
        double[] expected = START.clone();
        double[] first = new double[3];
        double[] second = new double[3];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(START.clone());
            for (int step = 1; step <= GRADIENTS.length; step++) {
                update.update("w", weight, manager.create(GRADIENTS[step - 1]));
                for (int i = 0; i < 3; i++) {
                    double g = GRADIENTS[step - 1][i] + weightDecay * expected[i];
                    expected[i] -= switch (kind) {
                        case RMSPROP -> {
                            second[i] = 0.99 * second[i] + 0.01 * g * g;
                            yield learningRate * g / (Math.sqrt(second[i]) + 1e-8);
                        }
                        case ADAM -> {
                            first[i] = 0.9 * first[i] + 0.1 * g;
                            second[i] = 0.999 * second[i] + 0.001 * g * g;
                            double corrected = first[i] / (1 - Math.pow(0.9, step));
                            yield learningRate * corrected / (Math.sqrt(second[i] / (1 - Math.pow(0.999, step))) + 1e-8);
                        }
                        case SGD -> {
                            first[i] = momentum * first[i] + g;
                            yield learningRate * first[i];
                        }
                    };
                }
                double[] actual = weight.toDoubleArray();
                for (int i = 0; i < 3; i++) {
                    assertThat(actual[i]).as("step %d weight %d", step, i).isCloseTo(expected[i], within(1e-6));
                }
            }
        }
    }
}
