package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class EngineThreadsTest {

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
            EngineThreads.applyDefault();
            int main = EngineThreads.intraOpThreads();

            int onEarlyThread = early.submit(() -> {
                EngineThreads.applyDefault();
                return EngineThreads.intraOpThreads();
            }).get();

            assertThat(main).isEqualTo(1);
            assertThat(onEarlyThread).isEqualTo(main);
        } finally {
            early.shutdownNow();
        }
    }
}
