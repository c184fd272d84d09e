package org.taskneurons.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.taskneurons.experiment.CriteriaEvaluation;
import org.taskneurons.experiment.CriteriaEvaluation.PublicResult;
import org.taskneurons.experiment.CriteriaEvaluation.Variant;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.SpecReader;
import org.taskneurons.sr.Mean;
import org.taskneurons.sr.Stability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench criteria}: the evidence behind the default selection rule, as Markdown tables. */
@Command(name = "criteria", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Selection rules (BIC, AIC, CV with the one-standard-error rule; each with and without the",
                "tie-break) on the paper's synthetic sets (recovery rule, shared files and fresh noise draws) and on the",
                "public sets of a spec (terms, bootstrap stability, and with --networks the task-based networks' test",
                "metric over the spec's seeds, paired against BIC's)."})
final class CriteriaBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-root", required = true, paramLabel = "DIR",
            description = "Folder holding synthetic-epsilon/ and the spec's files (e.g. ../shared/data).")
    Path dataRoot;

    @Option(names = "--spec", defaultValue = "experiments/paper-public.yaml", paramLabel = "FILE",
            description = "Spec of the public sets (default: ${DEFAULT-VALUE}).")
    Path specFile;

    @Option(names = "--variants", split = ",", paramLabel = "RULE",
            description = "Rules to evaluate (default: bic, bic+tie, aic, aic+tie, cv, cv+tie).")
    List<String> variants = List.of();

    @Option(names = "--draws", defaultValue = "5", description = "Fresh noise draws per synthetic set (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--skip-synthetic", description = "Leave out the synthetic sets.")
    boolean skipSynthetic;

    @Option(names = "--skip-public", description = "Leave out the public sets.")
    boolean skipPublic;

    @Option(names = "--networks", description = "Train the task-based networks on every distinct formula (slow).")
    boolean networks;

    @Option(names = "--parallel", defaultValue = "2", description = "Trainings at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--out", paramLabel = "FILE", description = "Append every result as one JSON line as soon as it is measured.")
    Path out;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        List<Variant> rules = variants.isEmpty() ? Variant.ALL : variants.stream().map(Variant::of).toList();
        PrintWriter text = spec.commandLine().getOut();
        if (!skipSynthetic) {
            synthetic(text, rules);
        }
        if (!skipPublic) {
            publicSets(text, rules);
        }
        return 0;
    }

    private void synthetic(PrintWriter text, List<Variant> rules) throws IOException {
        text.printf("Synthetic sets: %d shared files and %d noise draws per set (data seeds 1..%d)%n%n", 21, draws, draws);
        text.println("| rule | files passed | draws passed |");
        text.println("|---|---|---|");
        List<String> failures = new ArrayList<>();
        for (Variant rule : rules) {
            CriteriaEvaluation.SyntheticResult result = CriteriaEvaluation.synthetic(rule, dataRoot.resolve("synthetic-epsilon"),
                    draws);
            text.printf("| %s | %d / %d | %d / %d (%.1f%%) |%n", rule.label(), result.filesPassed(), result.files(),
                    result.drawsPassed(), result.draws(), 100.0 * result.drawsPassed() / result.draws());
            text.flush();
            result.failures().forEach(failure -> failures.add(rule.label() + ": " + failure));
            ObjectNode line = mapper.createObjectNode().put("part", "synthetic").put("rule", rule.label())
                    .put("files_passed", result.filesPassed()).put("draws_passed", result.drawsPassed())
                    .put("draws", result.draws());
            line.set("failures", mapper.valueToTree(result.failures()));
            append(line);
        }
        text.println();
        failures.forEach(failure -> text.println("- " + failure));
        text.println();
        text.flush();
    }

    private void publicSets(PrintWriter text, List<Variant> rules) throws IOException, InterruptedException {
        ExperimentSpec experiment = SpecReader.read(specFile);
        List<Path> roots = List.of(dataRoot);
        PrintWriter err = spec.commandLine().getErr();
        List<PublicResult> formulas = CriteriaEvaluation.formulas(experiment, roots, rules, result -> {
            err.printf("%s %s: %s%n", result.dataset(), result.variant().label(), result.discovery().formula());
            err.flush();
            append(json(result));
        });
        text.println("Public sets: Σ terms of the formula (modal term set's frequency over the bootstrap resamples,"
                + " frequency of the chosen term set)");
        text.println();
        header(text, rules);
        for (ExperimentSpec.DatasetSpec source : experiment.datasets()) {
            text.printf("| %s |", source.name());
            for (Variant rule : rules) {
                PublicResult result = find(formulas, source.name(), rule);
                Stability stability = result.discovery().stability();
                text.printf(" %d (%.0f%%, %.0f%%) |", result.terms(), 100 * stability.modalFrequency(),
                        100 * stability.chosenFrequency());
            }
            text.println();
        }
        text.print("| median terms |");
        for (Variant rule : rules) {
            double[] terms = formulas.stream().filter(r -> r.variant().equals(rule)).mapToDouble(PublicResult::terms).sorted()
                    .toArray();
            text.printf(" %s |", median(terms));
        }
        text.println();
        text.println();
        text.flush();
        if (networks) {
            networkTable(text, experiment, roots, rules, formulas);
        }
    }

    private void networkTable(PrintWriter text, ExperimentSpec experiment, List<Path> roots, List<Variant> rules,
            List<PublicResult> formulas) throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        List<PublicResult> trained = new ArrayList<>();
        List<PublicResult> ordered = new ArrayList<>(formulas);
        ordered.sort((a, b) -> Boolean.compare(a.variant().criterion() != org.taskneurons.sr.Criterion.BIC || a.variant().tieBreak(),
                b.variant().criterion() != org.taskneurons.sr.Criterion.BIC || b.variant().tieBreak()));
        CriteriaEvaluation.networks(experiment, roots, ordered, parallel, result -> {
            trained.add(result);
            err.printf("%s %s: mean %.4f over %d seeds%n", result.dataset(), result.variant().label(),
                    Mean.of(result.metrics()), result.metrics().length);
            err.flush();
            append(json(result));
        });
        text.printf("Task-based networks (structure %s, seeds %s): mean test metric; p: paired Wilcoxon against BIC's"
                + " formula, LOSS where p < 0.05 and worse%n%n", experiment.structures().get(0), experiment.seeds());
        header(text, rules);
        for (ExperimentSpec.DatasetSpec source : experiment.datasets()) {
            PublicResult bic = find(trained, source.name(), new Variant(org.taskneurons.sr.Criterion.BIC, false));
            text.printf("| %s |", source.name());
            for (Variant rule : rules) {
                PublicResult result = find(trained, source.name(), rule);
                if (rule.equals(bic.variant())) {
                    text.printf(" %.4f |", Mean.of(result.metrics()));
                    continue;
                }
                CriteriaEvaluation.Paired paired = CriteriaEvaluation.paired(result.metrics(), bic.metrics(),
                        result.classification());
                text.printf(" %.4f (p %.3f%s) |", Mean.of(result.metrics()), paired.pValue(),
                        paired.isLoss() ? " LOSS" : "");
            }
            text.println();
        }
        text.println();
        text.flush();
    }

    private static void header(PrintWriter text, List<Variant> rules) {
        text.print("| data set |");
        rules.forEach(rule -> text.print(" " + rule.label() + " |"));
        text.println();
        text.print("|---|");
        rules.forEach(rule -> text.print("---|"));
        text.println();
    }

    private static PublicResult find(List<PublicResult> results, String dataset, Variant rule) {
        return results.stream().filter(r -> r.dataset().equals(dataset) && r.variant().equals(rule)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + dataset + " " + rule.label()));
    }

    private static String median(double[] sorted) {
        double m = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return String.format(Locale.ROOT, "%.1f", m);
    }

    private ObjectNode json(PublicResult result) {
        ObjectNode line = mapper.createObjectNode().put("part", result.metrics().length == 0 ? "public" : "networks")
                .put("dataset", result.dataset()).put("rule", result.variant().label())
                .put("formula", result.discovery().formula()).put("terms", result.terms());
        line.set("stability", mapper.valueToTree(result.discovery().stability()));
        line.set("metrics", mapper.valueToTree(Arrays.stream(result.metrics()).boxed().toList()));
        return line;
    }

    private void append(ObjectNode line) {
        if (out == null) {
            return;
        }
        try {
            Files.writeString(out, mapper.writeValueAsString(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
