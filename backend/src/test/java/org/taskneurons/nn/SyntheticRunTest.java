package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.ReadOptions;
import org.taskneurons.data.Scaler;
import org.taskneurons.data.Scaling;
import org.taskneurons.data.SharedData;
import org.taskneurons.data.Split;
import org.taskneurons.sr.Formula;

/**
 * The paper's synthetic run on epsilon_low_no1: the 8:2 split of its code (scikit-learn's,
 * random_state 10), min-max scaling fitted on the training part, batches of 10, 300 epochs of RMSprop, PyTorch's default initialization (the
 * paper's code); an ordinary 10-2-1 ReLU network at lr 0.01 against one layer of task-based
 * neurons 10→1 from 6x² + 2x − 3 at lr 0.001. The paper's code gets test MSE 0.0203 and
 * 0.00089 at seed 10 in about 9 s for both on one thread. Both training paths must reproduce it.
 */
class SyntheticRunTest {
    private static final long SEED = 10;
    private static Split scaled;
    private static Scaler scaler;

    @BeforeAll
    static void readAndScale() throws Exception {
        EngineThreads.setIntraOpThreads(1);
        Dataset data = Dataset.read(SharedData.file("synthetic-epsilon/epsilon_low_no1.csv"), ReadOptions.defaults());
        Split split = PaperSplit.of(data, SEED);
        scaler = Scaler.fit(split.train(), Scaling.MIN_MAX);
        scaled = new Split(scaler.apply(split.train()), scaler.apply(split.validation()), scaler.apply(split.test()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TrainingEngine.class, names = {"DJL", "FUSED"})
    void taskBasedLayerBeatsTheOrdinaryNetwork(TrainingEngine engine) {
        Structure ordinary = Structure.of(Output.regression(1), HiddenActivation.RELU, 2);
        Structure single = Structure.of(Output.regression(1), HiddenActivation.RELU);
        Run linear = train(new Network(10, ordinary, Neuron.linear()), 0.01, engine);
        Run taskBased = train(new Network(10, single, Neuron.taskBased(Formula.parse("6@x**2 + 2@x - 3"))), 0.001, engine);

        System.out.printf("synthetic no1 low, %s: linear 10-2-1 test MSE %.5f in %.2f s; task-based 10-1 test MSE %.5f in %.2f s%n",
                engine.label(), linear.testMse, linear.seconds, taskBased.testMse, taskBased.seconds);
        assertThat(taskBased.testMse).isLessThanOrEqualTo(0.0012);
        assertThat(linear.testMse).isBetween(0.01, 0.04).isGreaterThan(taskBased.testMse * 5);
    }

    private static Run train(Network network, double learningRate, TrainingEngine engine) {
        TrainingSettings settings = TrainingSettings.defaults()
                .withOptimizer(OptimizerKind.RMSPROP)
                .withLearningRate(learningRate)
                .withEpochs(300)
                .withBatchSize(10)
                .withSeed(SEED)
                .withInitialization(Initialization.TORCH_DEFAULT)
                .withEngine(engine);
        try (TrainedNetwork trained = Training.builder().setSettings(settings).build()
                .fit(network, scaled.train(), scaled.validation(), scaler)) {
            double[] predicted = trained.predictScaled(scaled.test()).values();
            double[] actual = scaled.test().target();
            double squares = 0;
            for (int i = 0; i < actual.length; i++) {
                squares += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
            }
            return new Run(squares / actual.length, trained.summary().orElseThrow().seconds());
        }
    }

    private record Run(double testMse, double seconds) {
    }
}
