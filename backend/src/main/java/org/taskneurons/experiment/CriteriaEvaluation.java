package org.taskneurons.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.ReadOptions;
import org.taskneurons.data.Synthetic;
import org.taskneurons.evaluation.Wilcoxon;
import org.taskneurons.nn.ComputeDevice;
import org.taskneurons.nn.EpochListener;
import org.taskneurons.sr.Criterion;
import org.taskneurons.sr.Discovery;
import org.taskneurons.sr.Formula;
import org.taskneurons.sr.Mean;
import org.taskneurons.sr.Recovery;
import org.taskneurons.sr.SearchData;
import org.taskneurons.sr.Selection;

/**
 * The evidence that chooses the default selection rule: each {@link Variant} (criterion, with or
 * without the tie-break) on the paper's synthetic sets under the {@link Recovery} rule, on the
 * shared files and on fresh noise draws, and on the public data sets of an experiment spec (the
 * formula's terms, its bootstrap stability, and the test metric of the task-based networks built
 * on it, paired by seed against BIC's).
 */
public final class CriteriaEvaluation {
    private static final String[] LEVELS = {"low", "medium", "high"};
    private static final int GROUPS = 7;
    /** A diverged network's metric: worse than predicting any constant of a min-max scaled target. */
    private static final double DIVERGED_MSE = 1.0;

    private CriteriaEvaluation() {
    }

    /** One selection rule under evaluation. */
    public record Variant(Criterion criterion, boolean tieBreak) {
        public static final List<Variant> ALL = List.of(new Variant(Criterion.BIC, false), new Variant(Criterion.BIC, true),
                new Variant(Criterion.AIC, false), new Variant(Criterion.AIC, true), new Variant(Criterion.CV, false),
                new Variant(Criterion.CV, true));

        public String label() {
            return criterion.label() + (tieBreak ? "+tie" : "");
        }

        public static Variant of(String label) {
            return ALL.stream().filter(variant -> variant.label().equalsIgnoreCase(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown variant '" + label + "' (known: "
                            + ALL.stream().map(Variant::label).toList() + ")"));
        }

        Selection selection() {
            return Selection.of(criterion).withTieBreak(tieBreak);
        }
    }

    /**
     * A variant on the synthetic sets.
     *
     * @param filesPassed sets of shared/data/synthetic-epsilon that pass, of 21
     * @param drawsPassed fresh noise draws that pass, of {@code draws}
     * @param failures    each failing file or draw with the rule's reason
     */
    public record SyntheticResult(Variant variant, int filesPassed, int files, int drawsPassed, int draws,
            List<String> failures) {
    }

    /** Runs one variant on the 21 files under {@code syntheticDir} and on data seeds 1..drawsPerSet of each set. */
    public static SyntheticResult synthetic(Variant variant, Path syntheticDir, int drawsPerSet) throws IOException {
        Discovery discovery = Discovery.of(Discovery.Settings.defaults().withSelection(variant.selection()));
        List<String> failures = new ArrayList<>();
        int filesPassed = 0;
        int drawsPassed = 0;
        for (String level : LEVELS) {
            for (int group = 1; group <= GROUPS; group++) {
                Map<Integer, Double> truth = truth(group);
                Dataset file = Dataset.read(syntheticDir.resolve("epsilon_" + level + "_no" + group + ".csv"),
                        ReadOptions.defaults().withTarget("y"));
                filesPassed += judge(discovery, file, truth, level + " no" + group, failures) ? 1 : 0;
                for (long seed = 1; seed <= drawsPerSet; seed++) {
                    Dataset draw = Synthetic.paperSet("paper-no" + group + "-" + level).generate(seed);
                    drawsPassed += judge(discovery, draw, truth, level + " no" + group + " seed " + seed, failures) ? 1 : 0;
                }
            }
        }
        return new SyntheticResult(variant, filesPassed, LEVELS.length * GROUPS, drawsPassed,
                LEVELS.length * GROUPS * drawsPerSet, failures);
    }

    private static boolean judge(Discovery discovery, Dataset dataset, Map<Integer, Double> truth, String name,
            List<String> failures) {
        SearchData data = SearchData.of(dataset.columns(), dataset.target());
        Formula formula = discovery.run(data).formula();
        Recovery.Verdict verdict = Recovery.judge(data, truth, formula);
        if (!verdict.passed()) {
            failures.add(name + ": " + formula + " " + verdict.failure());
        }
        return verdict.passed();
    }

    /** The paper group's true coefficient by power (shared/data/README.md). */
    static Map<Integer, Double> truth(int group) {
        List<Double> coefficients = Synthetic.paperGroup(group, 0.0).coefficients();
        Map<Integer, Double> truth = new LinkedHashMap<>();
        for (int k = 1; k < coefficients.size(); k++) {
            if (coefficients.get(k) != 0.0) {
                truth.put(k, coefficients.get(k));
            }
        }
        return truth;
    }

    /**
     * A variant's formula on one public data set (the spec's discovery with this variant's rule).
     *
     * @param classification whether the metric is accuracy (higher is better) rather than MSE
     * @param terms          Σ terms of the formula
     * @param metrics        the task-based network's test metric per seed (empty until trained)
     */
    public record PublicResult(String dataset, boolean classification, Variant variant, DiscoveryStep.Outcome discovery,
            int terms, double[] metrics) {
        PublicResult withMetrics(double[] values) {
            return new PublicResult(dataset, classification, variant, discovery, terms, values);
        }
    }

    /** The discoveries of every variant on every data set of the spec. */
    public static List<PublicResult> formulas(ExperimentSpec spec, List<Path> dataRoots, List<Variant> variants,
            Consumer<PublicResult> progress) throws IOException {
        List<PublicResult> results = new ArrayList<>();
        for (ExperimentSpec.DatasetSpec source : spec.datasets()) {
            Dataset dataset = DatasetLoader.load(source, dataRoots);
            for (Variant variant : variants) {
                ExperimentSpec varied = withVariant(spec, variant);
                DiscoveryStep.Outcome outcome = DiscoveryStep.run(varied, dataset, org.taskneurons.sr.SearchProgress.NONE,
                        () -> false);
                PublicResult result = new PublicResult(source.name(), dataset.isClassification(), variant, outcome,
                        Formula.parse(outcome.formula()).terms().size(), new double[0]);
                results.add(result);
                progress.accept(result);
            }
        }
        return results;
    }

    private static ExperimentSpec withVariant(ExperimentSpec spec, Variant variant) {
        return new ExperimentSpec(spec.version(), spec.name(), spec.datasets(),
                spec.discovery().withSelection(variant.criterion(), variant.tieBreak()), spec.models(),
                spec.structures(), spec.training(), spec.seeds(), spec.split(), spec.search());
    }

    /**
     * Trains the task-based network of the spec's first structure over its seeds on each
     * result's formula (one training per distinct formula of a data set: the same formula and
     * seed give the same network), in order, and reports each data set when its variants are done.
     *
     * @param parallel trainings at once
     */
    public static List<PublicResult> networks(ExperimentSpec spec, List<Path> dataRoots, List<PublicResult> formulas,
            int parallel, Consumer<PublicResult> progress) throws IOException, InterruptedException {
        List<PublicResult> trained = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            for (ExperimentSpec.DatasetSpec source : spec.datasets()) {
                Dataset dataset = DatasetLoader.load(source, dataRoots);
                Map<String, double[]> byFormula = new LinkedHashMap<>();
                for (PublicResult result : formulas) {
                    if (!result.dataset().equals(source.name())) {
                        continue;
                    }
                    double[] metrics = byFormula.get(result.discovery().formula());
                    if (metrics == null) {
                        metrics = train(pool, spec, source, dataset, Formula.parse(result.discovery().formula()));
                        byFormula.put(result.discovery().formula(), metrics);
                    }
                    PublicResult done = result.withMetrics(metrics);
                    trained.add(done);
                    progress.accept(done);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return trained;
    }

    private static double[] train(ExecutorService pool, ExperimentSpec spec, ExperimentSpec.DatasetSpec source,
            Dataset dataset, Formula formula) throws InterruptedException {
        List<Future<TrainingStep.Outcome>> runs = new ArrayList<>();
        for (long seed : spec.seeds()) {
            runs.add(pool.submit(() -> TrainingStep.run(spec, source, dataset, ModelKind.TASK_BASED, spec.structures().get(0),
                    seed, formula, EpochListener.NONE, () -> false, ComputeDevice.preferred())));
        }
        double[] metrics = new double[runs.size()];
        for (int s = 0; s < runs.size(); s++) {
            try {
                metrics[s] = metric(dataset, runs.get(s).get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("training on " + source.name() + " failed: " + e.getCause(), e.getCause());
            }
        }
        return metrics;
    }

    /** Test MSE (a diverged run counts as {@value #DIVERGED_MSE}) or test accuracy (diverged: 0). */
    private static double metric(Dataset dataset, TrainingStep.Outcome outcome) {
        boolean classification = dataset.isClassification();
        Double value = outcome.testMetrics().get(classification ? "accuracy" : "mse");
        if (value == null || !Double.isFinite(value)) {
            return classification ? 0.0 : DIVERGED_MSE;
        }
        return value;
    }

    /**
     * A variant's networks against BIC's on one data set.
     *
     * @param pValue paired Wilcoxon signed-rank p over the seeds
     * @param worse  whether the variant's mean is worse than BIC's
     */
    public record Paired(double pValue, boolean worse) {
        public boolean isLoss() {
            return pValue < 0.05 && worse;
        }
    }

    public static Paired paired(double[] variant, double[] bic, boolean higherIsBetter) {
        double difference = Mean.of(variant) - Mean.of(bic);
        return new Paired(Wilcoxon.signedRank(variant, bic).pValue(), higherIsBetter ? difference < 0 : difference > 0);
    }
}
