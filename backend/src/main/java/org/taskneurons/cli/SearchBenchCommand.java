package org.taskneurons.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.ReadOptions;
import org.taskneurons.sr.Discovery;
import org.taskneurons.sr.Op;
import org.taskneurons.sr.SearchBenchmark;
import org.taskneurons.sr.SearchData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench sr}: symbolic-regression throughput and timings. */
@Command(name = "sr", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Symbolic regression: (a) the paper's genetic-programming preset on a file,",
                "(b) evaluator throughput against a naive tree walk, (c) the exact subset path on 100,000 rows."})
final class SearchBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE",
            description = "File for the preset timing (e.g. epsilon_low_no1.csv); without it, that part is skipped.")
    Path file;

    @Option(names = "--target", defaultValue = "last", paramLabel = "COL", description = "Target column (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed runs of the preset after one warm-up (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--threads", defaultValue = "1", description = "Threads for the preset timing (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seconds", defaultValue = "2", description = "Seconds per throughput measurement (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--rows", defaultValue = "100000", description = "Rows of the exact-path data (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode report = mapper.createObjectNode();
        if (file != null) {
            report.set("paper_preset", presetTiming(mapper));
        }
        ObjectNode throughput = report.putObject("throughput");
        throughput.set("arithmetic", throughput(mapper, SearchBenchmark.ARITHMETIC));
        throughput.set("all_operators", throughput(mapper, Set.of(Op.values()).stream()
                .filter(op -> !op.isTerminal()).collect(java.util.stream.Collectors.toSet())));
        report.set("exact_path", exactPath(mapper));
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report) : text(report));
        out.flush();
        return 0;
    }

    private ObjectNode presetTiming(ObjectMapper mapper) throws java.io.IOException {
        Dataset dataset = Dataset.read(file, ReadOptions.defaults().withTarget(target));
        SearchData data = SearchData.of(dataset.columns(), dataset.target());
        Discovery.Settings settings = Discovery.Settings.defaults().withMethod(Discovery.Method.GP).withThreads(threads);
        SearchBenchmark.Timing timing = SearchBenchmark.timing(data, settings, repeats);
        ObjectNode node = mapper.createObjectNode();
        node.put("file", file.toString());
        node.put("threads", threads);
        node.put("median_search_seconds", timing.median());
        node.putPOJO("search_seconds", timing.seconds());
        node.put("evaluations", timing.evaluations());
        node.put("formula", timing.formula());
        node.put("train_mse", timing.trainMse());
        node.put("reference_seconds", 700.0);
        node.put("reference", "the paper's Python code on this machine (shared/data/README.md), not rerun here");
        return node;
    }

    private ObjectNode throughput(ObjectMapper mapper, Set<Op> functions) {
        SearchBenchmark.Throughput t = SearchBenchmark.throughput(functions, 1024, 10, seconds, 42);
        ObjectNode node = mapper.createObjectNode();
        node.put("node_rows_per_second_per_core", t.nodeRowsPerSecond());
        node.put("naive_tree_walk_node_rows_per_second", t.referenceNodeRowsPerSecond());
        node.put("speedup_over_naive", t.speedup());
        node.put("programs", t.programs());
        node.put("mean_program_size", t.meanSize());
        node.put("rows", t.rows());
        node.put("inputs", t.inputs());
        return node;
    }

    private ObjectNode exactPath(ObjectMapper mapper) {
        double[] truth = {0.5, 2.0, 0, -1.5, 0, 0, 0, 0.25, 0};
        SearchData data = SearchBenchmark.polynomialData(rows, 10, truth, 0.1, 7);
        Discovery.Settings settings = Discovery.Settings.defaults().withMethod(Discovery.Method.SUBSET).withMaxPower(8);
        SearchBenchmark.Timing timing = SearchBenchmark.timing(data, settings, repeats);
        ObjectNode node = mapper.createObjectNode();
        node.put("rows", rows);
        node.put("inputs", 10);
        node.put("max_power", 8);
        node.put("median_search_seconds", timing.median());
        node.put("subsets_scored", timing.evaluations());
        node.put("formula", timing.formula());
        node.put("true_formula", "2·Σx − 1.5·Σx^3 + 0.25·Σx^7 + 0.5");
        return node;
    }

    private static String text(ObjectNode report) {
        StringBuilder out = new StringBuilder();
        report.fields().forEachRemaining(entry -> {
            out.append(entry.getKey()).append('\n');
            entry.getValue().fields().forEachRemaining(field -> out.append(String.format("  %-40s %s%n", field.getKey(),
                    field.getValue().isObject() ? field.getValue().toString() : field.getValue().asText())));
        });
        return out.toString();
    }
}
