package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.taskneurons.data.Dataset;

class EngineThreadsTest {
    private static final Dataset TRAIN = SmallData.regression("train", 64, 3, 1);
    private static final Dataset VALIDATION = SmallData.regression("validation", 32, 3, 2);
    private static final Network NETWORK = new Network(3,
            Structure.of(Output.regression(1), HiddenActivation.TANH, 5), Neuron.quadratic());

    /** The engine is loaded here, so every thread a test starts later is one PyTorch starts recording on. */
    @BeforeAll
    static void loadTheEngineOnThisThread() {
        Engine.getInstance();
    }

    @Test
    void aThreadThatRanAnOpBeforeTheCountWasSetTakesItWhenItTrains() throws Exception {
        ExecutorService early = Executors.newSingleThreadExecutor();
        try {
            // This thread runs an op first, so PyTorch fixes its count at the engine's own default.
            early.submit(() -> {
                try (NDManager manager = NDManager.newBaseManager()) {
                    manager.ones(new Shape(4)).sum();
                }
            }).get();
            EngineThreads.prepare();
            int main = EngineThreads.intraOpThreads();

            int onEarlyThread = early.submit(() -> {
                EngineThreads.prepare();
                return EngineThreads.intraOpThreads();
            }).get();

            assertThat(main).isEqualTo(1);
            assertThat(onEarlyThread).isEqualTo(main);
        } finally {
            early.shutdownNow();
        }
    }

    @Test
    void aFreshPoolThreadValidatesWithoutRecordingWhileTrainingStillLearns() throws Exception {
        List<Boolean> recordingAfterEpochs = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        Training training = Training.builder()
                .setSettings(TrainingSettings.defaults().withEngine(TrainingEngine.DJL).withEpochs(5).withSeed(3))
                .optListener(report -> {
                    // The listener runs on the training thread right after validation.
                    recordingAfterEpochs.add(JniUtils.isGradMode());
                    losses.add(report.trainLoss());
                })
                .build();

        onFreshPoolThread(() -> {
            training.fit(NETWORK, TRAIN, VALIDATION).close();
            return null;
        });

        assertThat(recordingAfterEpochs).hasSize(5).containsOnly(false);
        assertThat(losses.get(4)).isLessThan(losses.get(0));
    }

    @Test
    void aFreshPoolThreadPredictsWithTheProcesssSetUp() throws Exception {
        try (TrainedNetwork trained = Training.builder()
                .setSettings(TrainingSettings.defaults().withEngine(TrainingEngine.DJL).withEpochs(1))
                .build().fit(NETWORK, TRAIN, VALIDATION)) {
            List<Object> afterPredicting = onFreshPoolThread(() -> {
                trained.predictScaled(VALIDATION);
                return List.of(JniUtils.isGradMode(), EngineThreads.intraOpThreads());
            });

            assertThat(afterPredicting).containsExactly(false, 1);
        }
    }

    /** Runs {@code work} on a new thread of a fixed pool, as the local runner's and a worker's threads are made. */
    private static <T> T onFreshPoolThread(Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            return pool.submit(work).get();
        } finally {
            pool.shutdownNow();
        }
    }
}
