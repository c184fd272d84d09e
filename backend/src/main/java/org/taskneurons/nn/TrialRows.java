package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.taskneurons.data.Dataset;

/**
 * The rows of K trials, one part (training or validation) of each, as tensors on the training
 * device: every distinct data set once, one above the other, and each trial's rows found at its
 * offset, so that trials on the same rows share one copy. All parts have as many rows.
 */
final class TrialRows {
    private final NDArray features;
    private final NDArray targets;
    private final long[] offsets;
    private final int rows;

    private TrialRows(NDArray features, NDArray targets, long[] offsets, int rows) {
        this.features = features;
        this.targets = targets;
        this.offsets = offsets;
        this.rows = rows;
    }

    /** Trial k's part is {@code parts.get(k)}; the tensors live on {@code manager}. */
    static TrialRows of(NDManager manager, List<Dataset> parts) {
        Map<Dataset, Integer> distinct = new IdentityHashMap<>();
        NDList features = new NDList();
        NDList targets = new NDList();
        List<Long> offsets = new ArrayList<>();
        int rows = parts.get(0).rows();
        for (Dataset part : parts) {
            int index = distinct.computeIfAbsent(part, data -> {
                DatasetTensors tensors = DatasetTensors.of(manager, data);
                features.add(tensors.features());
                targets.add(tensors.targets());
                return distinct.size();
            });
            offsets.add((long) index * rows);
        }
        return new TrialRows(features.size() == 1 ? features.head() : NDArrays.concat(features),
                targets.size() == 1 ? targets.head() : NDArrays.concat(targets),
                offsets.stream().mapToLong(Long::longValue).toArray(), rows);
    }

    int rows() {
        return rows;
    }

    /**
     * Every trial's rows, trial k's in the order {@code orders[k]} (null: as they are): features
     * (K, rows, inputs) and targets (K, rows, 1), on {@code manager}.
     */
    NDList gather(NDManager manager, int[][] orders) {
        int trials = offsets.length;
        long[] index = new long[trials * rows];
        for (int k = 0; k < trials; k++) {
            for (int i = 0; i < rows; i++) {
                index[k * rows + i] = offsets[k] + (orders != null ? orders[k][i] : i);
            }
        }
        NDArray at = manager.create(index);
        NDArray x = features.get(at);
        NDArray y = targets.get(at);
        x.attach(manager);
        y.attach(manager);
        return new NDList(x.reshape(trials, rows, -1), y.reshape(trials, rows, 1));
    }
}
