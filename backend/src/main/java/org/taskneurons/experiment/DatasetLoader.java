package org.taskneurons.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.ReadOptions;
import org.taskneurons.data.Synthetic;

/** Loads the data set a spec names: a file inside the data roots, or a generated paper set. */
public final class DatasetLoader {
    private DatasetLoader() {
    }

    public static Dataset load(ExperimentSpec.DatasetSpec spec, List<Path> dataRoots) throws IOException {
        if (spec.synthetic() != null) {
            return Synthetic.paperSet(spec.synthetic()).generate(spec.dataSeed());
        }
        Path file = SpecValidation.resolve(spec.file(), dataRoots);
        if (file == null) {
            throw SpecException.of("datasets." + spec.name() + ".file", "'" + spec.file() + "' is not a file inside the data roots");
        }
        return Dataset.read(file, readOptions(spec));
    }

    static ReadOptions readOptions(ExperimentSpec.DatasetSpec spec) {
        return ReadOptions.defaults()
                .withTarget(spec.target())
                .withDrop(spec.drop().toArray(String[]::new))
                .withCategorical(spec.categorical().toArray(String[]::new))
                .withTask(spec.task())
                .withHeader(spec.header())
                .withDelimiter(spec.delimiter())
                .withMissing(spec.missing());
    }
}
