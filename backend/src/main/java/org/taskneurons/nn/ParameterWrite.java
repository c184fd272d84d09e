package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Writes values into a parameter's own tensor, in place, so that every holder of the array (the
 * block, a trainer's parameter store) sees them.
 *
 * <p>Not with {@code NDArray.set(Buffer)} or {@code copyTo}, which is built on it: DJL's native
 * side of that call opens libtorch's deprecated {@code AutoNonVariableTypeMode}, whose first use
 * in a process prints a deprecation warning on the console (stderr, from native code, where no
 * Java logger can catch it). An indexed copy ({@code t[...] = values}) does the same work
 * without it. Recording is off for the copy because PyTorch refuses an in-place write into a
 * tensor that requires a gradient while it records.
 */
final class ParameterWrite {
    private ParameterWrite() {
    }

    /** Copies {@code values} (same shape) into {@code parameter}. */
    static void copy(NDArray values, NDArray parameter) {
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            parameter.set(new NDIndex("..."), values);
        } finally {
            JniUtils.setGradMode(recording);
        }
    }
}
