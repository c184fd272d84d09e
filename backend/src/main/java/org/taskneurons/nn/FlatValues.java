package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.List;

/**
 * Tensors as one flat double array, one after another in a given order, and back: how the fused
 * path holds a network's parameters and how a {@link TrainingCheckpoint} holds parameters and
 * optimizer buffers. A float32 value widened to double and narrowed again is the same float.
 */
final class FlatValues {
    private FlatValues() {
    }

    /** The values of {@code arrays}, each row-major, one after another. */
    static double[] of(List<NDArray> arrays) {
        double[] values = new double[arrays.stream().mapToInt(array -> Math.toIntExact(array.size())).sum()];
        int at = 0;
        for (NDArray array : arrays) {
            double[] part = doubles(array);
            System.arraycopy(part, 0, values, at, part.length);
            at += part.length;
        }
        return values;
    }

    /** {@code values} [at, at + size of {@code like}) as a new array shaped and typed like {@code like}, on its manager. */
    static NDArray slice(double[] values, int at, NDArray like) {
        int size = Math.toIntExact(like.size());
        if (like.getDataType() == DataType.FLOAT64) {
            return like.getManager().create(Arrays.copyOfRange(values, at, at + size), like.getShape());
        }
        float[] floats = new float[size];
        for (int i = 0; i < size; i++) {
            floats[i] = (float) values[at + i];
        }
        return like.getManager().create(floats, like.getShape());
    }

    private static double[] doubles(NDArray array) {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        float[] floats = array.toFloatArray();
        double[] values = new double[floats.length];
        for (int i = 0; i < floats.length; i++) {
            values[i] = floats[i];
        }
        return values;
    }
}
