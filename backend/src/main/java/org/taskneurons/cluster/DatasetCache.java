package org.taskneurons.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taskneurons.data.Dataset;
import org.taskneurons.experiment.DatasetLoader;
import org.taskneurons.experiment.ExperimentSpec;

/**
 * The data sets a worker node has loaded, so that the many training tasks of one data set
 * read or generate it once. Bounded: the least recently used set goes first. Loading runs on
 * the engine thread that asked; two slots asking for the same set wait for one load.
 */
final class DatasetCache {
    private final List<Path> dataRoots;
    private final int capacity;
    private final Map<ExperimentSpec.DatasetSpec, Dataset> loaded;

    DatasetCache(List<Path> dataRoots, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.dataRoots = List.copyOf(dataRoots);
        this.capacity = capacity;
        this.loaded = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** The data set a spec entry describes (entries equal in every field share one load). */
    synchronized Dataset get(ExperimentSpec.DatasetSpec spec) {
        Dataset dataset = loaded.get(spec);
        if (dataset == null) {
            dataset = load(spec);
            loaded.put(spec, dataset);
            if (loaded.size() > capacity) {
                loaded.remove(loaded.keySet().iterator().next());
            }
        }
        return dataset;
    }

    private Dataset load(ExperimentSpec.DatasetSpec spec) {
        try {
            return DatasetLoader.load(spec, dataRoots);
        } catch (IOException e) {
            throw new UncheckedIOException("data set '" + spec.name() + "': " + e.getMessage(), e);
        }
    }
}
