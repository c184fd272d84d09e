package org.taskneurons.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.ReadOptions;
import picocli.CommandLine.Option;

/** How a command reads its data file: shared by every command that takes one. */
final class DataOptions {
    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "CSV, TSV or whitespace-separated file, with or without a header row.")
    Path file;

    @Option(names = "--target", defaultValue = "last", paramLabel = "COL",
            description = "Target column: a header name, a 1-based index, 'first' or 'last' (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--drop", split = ",", paramLabel = "COL", description = "Columns to ignore (names or 1-based indices).")
    List<String> drop = new ArrayList<>();

    @Option(names = "--categorical", split = ",", paramLabel = "COL",
            description = "Columns to encode as categories even if they look numeric.")
    List<String> categorical = new ArrayList<>();

    @Option(names = "--header", defaultValue = "auto", paramLabel = "auto|present|absent",
            description = "Whether the first row names the columns (default: ${DEFAULT-VALUE}).")
    ReadOptions.Header header;

    @Option(names = "--delimiter", defaultValue = "auto", paramLabel = "auto|comma|tab|semicolon|whitespace",
            description = "Field separator (default: ${DEFAULT-VALUE}).")
    ReadOptions.Delimiter delimiter;

    @Option(names = "--missing", defaultValue = "reject", paramLabel = "reject|mean|median|drop_rows",
            description = "What to do with missing cells (default: ${DEFAULT-VALUE}).")
    ReadOptions.Missing missing;

    ReadOptions readOptions() {
        return ReadOptions.defaults()
                .withTarget(target)
                .withDrop(drop.toArray(String[]::new))
                .withCategorical(categorical.toArray(String[]::new))
                .withHeader(header)
                .withDelimiter(delimiter)
                .withMissing(missing);
    }

    Dataset read() throws IOException {
        return Dataset.read(file, readOptions());
    }
}
