package org.taskneurons.nn;

import org.taskneurons.data.Dataset;

/** A data part row-major for the fused path: features (rows, inputs) and one target per row (a value or a class id). */
record RowMajor(double[] features, double[] targets) {

    static RowMajor of(Dataset data) {
        int rows = data.rows();
        int inputs = data.featureCount();
        double[] features = new double[rows * inputs];
        for (int c = 0; c < inputs; c++) {
            double[] column = data.column(c);
            for (int row = 0; row < rows; row++) {
                features[row * inputs + c] = column[row];
            }
        }
        return new RowMajor(features, data.target().clone());
    }

    int rows() {
        return targets.length;
    }
}
