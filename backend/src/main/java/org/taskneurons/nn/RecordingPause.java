package org.taskneurons.nn;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Stops recording ops for back-propagation on the current thread until closed, then restores
 * what was before: for updates and copies of tensors that record gradients, which PyTorch
 * refuses to change in place while it records, and which must not join the next backward pass.
 */
final class RecordingPause implements AutoCloseable {
    private final boolean wasRecording;

    RecordingPause() {
        wasRecording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(wasRecording);
    }
}
