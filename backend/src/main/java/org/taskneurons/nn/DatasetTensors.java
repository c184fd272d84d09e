package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.taskneurons.data.Dataset;

/**
 * A data set as tensors, made once per run so that batches are cut from them by tensor ops
 * instead of being copied from Java for every step.
 *
 * @param features (rows, inputs) float32, row-major
 * @param targets  regression: (rows, 1) float32; classification: class ids (rows, 1) int64
 */
record DatasetTensors(NDArray features, NDArray targets) {

    /** The features and targets of {@code data} on {@code manager}; classification targets stay class ids. */
    static DatasetTensors of(NDManager manager, Dataset data) {
        return new DatasetTensors(features(manager, data), targets(manager, data));
    }

    /** (rows, inputs) float32 from the column-major data set. */
    static NDArray features(NDManager manager, Dataset data) {
        int rows = data.rows();
        int inputs = data.featureCount();
        float[] values = new float[rows * inputs];
        for (int c = 0; c < inputs; c++) {
            double[] column = data.column(c);
            for (int row = 0; row < rows; row++) {
                values[row * inputs + c] = (float) column[row];
            }
        }
        return manager.create(values, new Shape(rows, inputs));
    }

    private static NDArray targets(NDManager manager, Dataset data) {
        double[] target = data.target();
        Shape shape = new Shape(target.length, 1);
        if (data.isClassification()) {
            long[] ids = new long[target.length];
            for (int row = 0; row < ids.length; row++) {
                ids[row] = (long) target[row];
            }
            return manager.create(ids, shape);
        }
        float[] values = new float[target.length];
        for (int row = 0; row < values.length; row++) {
            values[row] = (float) target[row];
        }
        return manager.create(values, shape);
    }

    int rows() {
        return Math.toIntExact(features.getShape().get(0));
    }
}
