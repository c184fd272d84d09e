package org.taskneurons.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.ReadOptions;
import org.taskneurons.data.Synthetic;
import org.taskneurons.experiment.ExperimentSpec;
import picocli.CommandLine.Option;

/** How a command reads its data file: shared by every command that takes one. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "FILE",
            description = "CSV, TSV or whitespace-separated file, with or without a header row.")
    Path file;

    @Option(names = "--synthetic", paramLabel = "NAME",
            description = "Instead of a file: the paper's synthetic set paper-noG-LEVEL (G 1..7, LEVEL low|medium|high),"
                    + " 600 rows of 10 inputs in [-50, 50], generated with --data-seed.")
    String synthetic;

    @Option(names = "--data-seed", defaultValue = "1", description = "Seed of --synthetic data (default: ${DEFAULT-VALUE}).")
    long dataSeed;

    @Option(names = "--target", defaultValue = "last", paramLabel = "COL",
            description = "Target column: a header name, a 1-based index, 'first' or 'last' (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--drop", split = ",", paramLabel = "COL", description = "Columns to ignore (names or 1-based indices).")
    List<String> drop = new ArrayList<>();

    @Option(names = "--categorical", split = ",", paramLabel = "COL",
            description = "Columns to encode as categories even if they look numeric.")
    List<String> categorical = new ArrayList<>();

    @Option(names = "--header", paramLabel = "auto|present|absent",
            description = "Whether the first row names the columns (default: ${DEFAULT-VALUE}).")
    ReadOptions.Header header = ReadOptions.defaults().header();

    @Option(names = "--delimiter", paramLabel = "auto|comma|tab|semicolon|whitespace",
            description = "Field separator (default: ${DEFAULT-VALUE}).")
    ReadOptions.Delimiter delimiter = ReadOptions.defaults().delimiter();

    @Option(names = "--missing", paramLabel = "reject|mean|median|drop_rows",
            description = "What to do with missing cells (default: ${DEFAULT-VALUE}).")
    ReadOptions.Missing missing = ReadOptions.defaults().missing();

    ReadOptions readOptions() {
        return ReadOptions.defaults()
                .withTarget(target)
                .withDrop(drop.toArray(String[]::new))
                .withCategorical(categorical.toArray(String[]::new))
                .withHeader(header)
                .withDelimiter(delimiter)
                .withMissing(missing);
    }

    /** The data set as a spec names it: the file's folder becomes the only data root. */
    ExperimentSpec.DatasetSpec datasetSpec(ReadOptions.Task task) {
        if ((file == null) == (synthetic == null)) {
            throw new IllegalArgumentException("give either --data FILE or --synthetic NAME");
        }
        return new ExperimentSpec.DatasetSpec(file == null ? synthetic : file.getFileName().toString(),
                file == null ? null : file.toAbsolutePath().normalize().toString(), synthetic, dataSeed, target, drop,
                categorical, task, header, delimiter, missing, null, null);
    }

    /** Where {@link #datasetSpec} may read. */
    List<Path> dataRoots() {
        return file == null ? List.of() : List.of(file.toAbsolutePath().normalize().getParent());
    }

    Dataset read() throws IOException {
        if ((file == null) == (synthetic == null)) {
            throw new IllegalArgumentException("give either --data FILE or --synthetic NAME");
        }
        return file != null ? Dataset.read(file, readOptions()) : Synthetic.paperSet(synthetic).generate(dataSeed);
    }

}
