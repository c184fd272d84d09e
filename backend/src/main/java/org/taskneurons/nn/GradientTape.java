package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Records the ops of the current thread for back-propagation, like DJL's
 * {@code GradientCollector}, but one per thread instead of one per process: DJL's PyTorch
 * collector refuses to open while another thread has one open, which would serialize every
 * training run of a worker, while PyTorch's own grad mode is per thread.
 */
final class GradientTape implements AutoCloseable {
    private final boolean wasRecording;

    GradientTape() {
        wasRecording = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
    }

    /** Adds d(loss)/d(p) to the gradient of every parameter p the scalar {@code loss} depends on. */
    void backward(NDArray loss) {
        try (NDArray seed = loss.onesLike()) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
        }
    }

    @Override
    public void close() {
        JniUtils.setGradMode(wasRecording);
    }
}
