package org.taskneurons.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A search as the spec states it: validated with the field of every problem named, the same
 * trials for every model, ASHA's promotions of the best 1/eta of each rung, and a local run that
 * ends with each model's best configuration over the seeds.
 */
class SearchTest {
    private static final String BASE = """
            name: s
            datasets: [{synthetic: paper-no1-low}]
            discovery: {method: subset}
            models: [task-based, ordinary]
            structures: [[2]]
            training: {batch_size: 50}
            split: {validation: 0.2}
            seeds: [1, 2]
            search:
            """;

    /** The keys of an ordinary network's trials on group no1, and six first-rung results (trial 2 diverged). */
    private static final String PREFIX = "trial/paper-no1-low/ordinary/";
    private static final double[] FIRST_RUNG = {0.5, 0.2, Double.NaN, 0.1, 0.4, 0.3};

    private static Set<String> initialKeys(SearchPlan plan) {
        Set<String> existing = new java.util.HashSet<>();
        plan.initial().forEach(task -> existing.add(task.key()));
        return existing;
    }

    private static ExperimentSpec spec(String search) {
        return spec(search, "[task-based, ordinary]");
    }

    private static ExperimentSpec spec(String search, String models) {
        return SpecReader.parse(BASE.replace("[task-based, ordinary]", models) + search.indent(2), true);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "space: {}|search.space|empty",
        "space: {learning_rate: {log_uniform: [0, 0.1]}}|search.space.learning_rate.log_uniform|bounds > 0",
        "space: {learning_rate: {log_uniform: [-1, 0.1]}}|search.space.learning_rate.log_uniform|bounds > 0",
        "{budget: {min_epochs: 10, max_epochs: 9}, space: {activation: [relu]}}|search.budget.min_epochs|no room for one rung",
        "{budget: {eta: 1}, space: {activation: [relu]}}|search.budget.eta|[2, 100]",
        "{budget: {min_epochs: 3, grace_epochs: 2}, space: {activation: [relu]}}|search.budget.grace_epochs|[min_epochs, max_epochs]",
        "{budget: {max_epochs: 9, grace_epochs: 10}, space: {activation: [relu]}}|search.budget.grace_epochs|[min_epochs, max_epochs]",
        "space: {momentum: [0.9]}|search.space.momentum|unknown hyperparameter",
        "{trials: 1001, space: {activation: [relu]}}|search.trials|cap",
        "space: {activation: [relu, swish]}|search.space.activation[1]|not one of",
        "space: {structure: {uniform: [1, 4]}}|search.space.structure.uniform|list of choices",
        "space: {batch_size: {int_uniform: [8.5, 64]}}|search.space.batch_size.int_uniform|whole-number",
        "{method: grid, space: {learning_rate: {uniform: [0.01, 0.1]}}}|search.method|grid needs",
        "{method: bayes, space: {activation: [relu]}}|search.method|unknown search method",
        "{metric: test_mse, space: {activation: [relu]}}|search.metric|not one of",
    })
    void badSearchesNameTheirField(String search, String field, String reason) {
        assertThatThrownBy(() -> SpecValidation.requireValid(spec(search), List.of()))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.violations())
                        .anySatisfy(violation -> {
                            assertThat(violation.field()).isEqualTo(field);
                            assertThat(violation.reason()).contains(reason);
                        }));
    }

    @Test
    void aSearchNeedsValidationRowsAndNetworks() {
        ExperimentSpec spec = SpecReader.parse(BASE.replace("split: {validation: 0.2}", "")
                .replace("[task-based, ordinary]", "[ordinary, xgboost]") + "  space: {activation: [relu]}", true);
        assertThat(SpecValidation.violations(spec, List.of()).stream().map(Violation::field).collect(Collectors.toSet()))
                .contains("split.validation", "models");
    }

    @Test
    void everyModelGetsTheSameTrialsAndARerunDrawsThemAgain() {
        String search = "{trials: 5, space: {learning_rate: {log_uniform: [0.001, 0.1]}, batch_size: {int_uniform: [8, 64]},"
                + " structure: [[2], [4, 2]], weight_decay: [0, 0.001]}}";
        SearchPlan plan = SearchPlan.of(spec(search));
        assertThat(plan.trials()).isEqualTo(SearchPlan.of(spec(search)).trials()).hasSize(5);
        Map<String, Map<String, Object>> byKey = plan.initial().stream()
                .collect(Collectors.toMap(SearchTask::key, SearchTask::config));
        for (int t = 0; t < 5; t++) {
            String trial = String.format("%03d/3", t);
            assertThat(byKey.get("trial/paper-no1-low/task-based/" + trial))
                    .isEqualTo(byKey.get("trial/paper-no1-low/ordinary/" + trial));
        }
        assertThat(plan.trials()).allSatisfy(config -> {
            assertThat((Double) config.get("learning_rate")).isBetween(0.001, 0.1);
            assertThat((Integer) config.get("batch_size")).isBetween(8, 64);
        });
        assertThat(SearchPlan.of(spec(search.replace("trials: 5", "trials: 5, seed: 7"))).trials())
                .isNotEqualTo(plan.trials());
    }

    @Test
    void rungsGrowByEtaUpToTheBudget() {
        assertThat(SearchPlan.of(spec("{budget: {min_epochs: 3, max_epochs: 81, eta: 3}, space: {activation: [relu]}}"))
                .rungs()).containsExactly(3, 9, 27, 81);
        assertThat(SearchPlan.of(spec("{budget: {min_epochs: 2, max_epochs: 10, eta: 2}, space: {activation: [relu]}}"))
                .rungs()).containsExactly(2, 4, 8, 10);
        assertThat(SearchPlan.of(spec("{method: random, budget: {max_epochs: 10}, space: {activation: [relu]}}"))
                .rungs()).containsExactly(10);
        assertThat(SearchPlan.of(spec("{method: grid, space: {activation: [relu, tanh], structure: [[2], [3]]}}"))
                .trials()).hasSize(4);
    }

    /**
     * Results arrive one by one: a trial is promoted as soon as it is in the best third of the
     * results its rung has so far, each promotion is asked for once, a diverged trial never,
     * and the final runs come when nothing of the model is left to run.
     */
    @Test
    void ashaPromotesTheBestThirdAsResultsArriveAndOnce() {
        SearchPlan plan = SearchPlan.of(spec("{trials: 6, budget: {min_epochs: 1, max_epochs: 9, eta: 3},"
                + " space: {learning_rate: {log_uniform: [0.001, 0.1]}}}", "[ordinary]"));
        Set<String> existing = initialKeys(plan);
        Map<String, TrialResult> results = new java.util.LinkedHashMap<>();
        List<List<String>> decided = new java.util.ArrayList<>();
        for (int t = 0; t < 6; t++) {
            results.put(PREFIX + String.format("%03d/1", t), new TrialResult(t, 1, "val_mse", FIRST_RUNG[t], null));
            Set<String> open = existing.stream().filter(key -> !results.containsKey(key)).collect(Collectors.toSet());
            List<SearchTask> next = plan.next(existing, open, results);
            next.forEach(task -> existing.add(task.key()));
            decided.add(next.stream().map(SearchTask::key).toList());
        }
        // After 3 results the best third is trial 1 (0.2); after 4 it is trial 3 (0.1); 6 results make room for 2.
        assertThat(decided).containsExactly(List.of(), List.of(), List.of(PREFIX + "001/3"), List.of(PREFIX + "003/3"),
                List.of(), List.of());
        assertThat(plan.next(existing, Set.of(PREFIX + "001/3", PREFIX + "003/3"), results)).isEmpty();
        SearchTask promoted = plan.next(Set.of(), Set.of("x"), results).stream()
                .filter(task -> task.key().equals(PREFIX + "003/3")).findFirst().orElseThrow();
        assertThat(promoted.resumeFrom()).isEqualTo(PREFIX + "003/1");
        assertThat(promoted.epochs()).isEqualTo(3);

        results.put(PREFIX + "001/3", new TrialResult(1, 3, "val_mse", 0.05, null));
        results.put(PREFIX + "003/3", new TrialResult(3, 3, "val_mse", 0.07, null));
        List<SearchTask> finals = plan.next(existing, Set.of(), results);
        assertThat(finals).extracting(SearchTask::key).containsExactly("train/paper-no1-low/ordinary/best/1",
                "train/paper-no1-low/ordinary/best/2");
        assertThat(finals.get(0).config()).isEqualTo(plan.trials().get(1));
        assertThat(finals.get(0).epochs()).isEqualTo(9);
    }

    /** A rung of fewer epochs than the grace promotes every result that did not diverge, as it arrives; later rungs their best third. */
    @Test
    void noTrialStopsBeforeTheGraceEpochs() {
        SearchPlan plan = SearchPlan.of(spec("{trials: 6, budget: {min_epochs: 1, max_epochs: 9, eta: 3, grace_epochs: 3},"
                + " space: {learning_rate: {log_uniform: [0.001, 0.1]}}}", "[ordinary]"));
        Set<String> existing = initialKeys(plan);
        Map<String, TrialResult> results = new java.util.LinkedHashMap<>();
        for (int t = 0; t < 6; t++) {
            results.put(PREFIX + String.format("%03d/1", t), new TrialResult(t, 1, "val_mse", FIRST_RUNG[t], null));
        }
        Set<String> open = existing.stream().filter(key -> !results.containsKey(key)).collect(Collectors.toSet());
        assertThat(plan.next(existing, open, results)).extracting(SearchTask::key).containsExactly(PREFIX + "003/3",
                PREFIX + "001/3", PREFIX + "005/3", PREFIX + "004/3", PREFIX + "000/3");
        for (int t : new int[] {0, 1, 3, 4, 5}) {
            existing.add(PREFIX + String.format("%03d/3", t));
            results.put(PREFIX + String.format("%03d/3", t), new TrialResult(t, 3, "val_mse", 0.1 * t, null));
        }
        assertThat(plan.next(existing, Set.of(), results)).extracting(SearchTask::key).containsExactly(PREFIX + "000/9");
    }

    /** A trial's value is the best its validation metric reached, its earlier rungs' included; NaN once it diverged. */
    @Test
    void aTrialIsJudgedByTheBestItsMetricReached() {
        assertThat(SearchStep.bestSoFar(summary(0.3, 0.1, 0.2), SearchMetric.VAL_MSE, null)).isEqualTo(0.1);
        assertThat(SearchStep.bestSoFar(summary(0.3, 0.1, 0.2), SearchMetric.VAL_MSE,
                new TrialResult(0, 3, "val_mse", 0.05, null))).isEqualTo(0.05);
        assertThat(SearchStep.bestSoFar(summary(0.6, 0.9, 0.7), SearchMetric.VAL_ACCURACY, null)).isEqualTo(0.9);
        assertThat(SearchStep.bestSoFar(summary(0.3, 0.1, Double.NaN), SearchMetric.VAL_MSE, null)).isNaN();
    }

    private static org.taskneurons.nn.TrainingSummary summary(double... validation) {
        List<org.taskneurons.nn.EpochReport> epochs = new java.util.ArrayList<>();
        for (int e = 0; e < validation.length; e++) {
            epochs.add(new org.taskneurons.nn.EpochReport(e + 1, 1.0, java.util.OptionalDouble.of(validation[e]),
                    java.util.OptionalDouble.of(validation[e]), e));
        }
        return new org.taskneurons.nn.TrainingSummary(epochs, 1, false, false, false, "cpu()",
                org.taskneurons.nn.TrainingEngine.FUSED, 1.0, null);
    }

    /**
     * A promoted trial continued from its checkpoint ends exactly where one run of all its epochs
     * ends, on either path: DJL's float32 values survive the checkpoint's doubles unchanged.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"rmsprop, fused", "adam, fused", "sgd, fused", "rmsprop, djl", "adam, djl", "sgd, djl"})
    void aContinuedTrainingEqualsOneThatNeverStopped(String optimizer, String engine) throws Exception {
        ExperimentSpec spec = trainedBy(optimizer, engine);
        ExperimentSpec.DatasetSpec source = spec.datasets().get(0);
        org.taskneurons.data.Dataset dataset = DatasetLoader.load(source, List.of());
        org.taskneurons.nn.TrainingCheckpoint after3;
        try (TrainingStep.Trained first = train(spec, source, dataset, 3, null)) {
            after3 = first.network().summary().orElseThrow().checkpoint();
        }
        assertThat(after3.epochs()).isEqualTo(3);
        assertThat(after3.engine().label()).isEqualTo(engine);
        try (TrainingStep.Trained continued = train(spec, source, dataset, 9, after3);
             TrainingStep.Trained straight = train(spec, source, dataset, 9, null)) {
            assertThat(continued.outcome().epochs()).isEqualTo(6);
            assertThat(continued.network().summary().orElseThrow().checkpoint().epochs()).isEqualTo(9);
            assertThat(continued.outcome().testMetrics()).isEqualTo(straight.outcome().testMetrics());
            assertThat(continued.network().summary().orElseThrow().checkpoint())
                    .usingRecursiveComparison().isEqualTo(straight.network().summary().orElseThrow().checkpoint());
        }
    }

    @Test
    void aCheckpointOfAnotherNetworkIsRefusedNamingBothSizes() throws Exception {
        ExperimentSpec spec = trainedBy("adam", "djl");
        ExperimentSpec.DatasetSpec source = spec.datasets().get(0);
        org.taskneurons.data.Dataset dataset = DatasetLoader.load(source, List.of());
        org.taskneurons.nn.TrainingCheckpoint after3;
        try (TrainingStep.Trained first = train(spec, source, dataset, 3, null)) {
            after3 = first.network().summary().orElseThrow().checkpoint();
        }
        double[] fewer = java.util.Arrays.copyOf(after3.parameters(), after3.parameters().length - 1);
        org.taskneurons.nn.TrainingCheckpoint truncated = new org.taskneurons.nn.TrainingCheckpoint(3, fewer,
                new double[fewer.length], new double[fewer.length], after3.steps(), true, after3.engine());

        assertThatThrownBy(() -> train(spec, source, dataset, 9, truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a checkpoint of " + fewer.length + " parameters for a network of " + after3.parameters().length);
    }

    private static ExperimentSpec trainedBy(String optimizer, String engine) {
        return SpecReader.parse(BASE.replace("training: {batch_size: 50}",
                "training: {batch_size: 50, engine: " + engine + ", optimizer: " + optimizer + ", learning_rate: 0.01}")
                + "  space: {activation: [tanh]}", true);
    }

    private static TrainingStep.Trained train(ExperimentSpec spec, ExperimentSpec.DatasetSpec source,
            org.taskneurons.data.Dataset dataset, int epochs, org.taskneurons.nn.TrainingCheckpoint resume) {
        SearchTask task = new SearchTask("t", source.name(), ModelKind.ORDINARY, 0, epochs, Map.of("activation", "tanh"),
                List.of(2), 1, null, List.of());
        return TrainingStep.train(SearchStep.configured(spec, task), source, dataset, ModelKind.ORDINARY, List.of(2), 1,
                null, org.taskneurons.nn.EpochListener.NONE, () -> false, org.taskneurons.nn.ComputeDevice.preferred(), resume);
    }

    @Test
    void aSearchOnTheDjlPathContinuesPromotedTrialsFromTheirCheckpoints() throws Exception {
        String quickstart = java.nio.file.Files.readString(Path.of("../experiments/search-quickstart.yaml"));
        ExperimentSpec spec = SpecReader.parse(quickstart.replace("  batch_size: 10\n", "  batch_size: 10\n  engine: djl\n"),
                true);
        assertThat(spec.training().engine().label()).isEqualTo("djl");

        LocalRunner.Report report = LocalRunner.of(List.of(), 2, LocalRunner.Listener.NONE, () -> false).run(spec);

        // Trained from epoch 0 at every rung, it would spend 9 + 3 * 3 + 9 epochs.
        assertThat(report.search()).hasSize(2).allSatisfy(search ->
                assertThat(search.epochsSpent()).isEqualTo(9 + 3 * 2 + 6));
        assertThat(report.datasets().get(0).failures()).isEmpty();
    }

    @Test
    void theSearchQuickstartRunsLocallyToItsTable() throws Exception {
        ExperimentSpec spec = SpecReader.read(Path.of("../experiments/search-quickstart.yaml"));
        LocalRunner.Report report = LocalRunner.of(List.of(), 2, LocalRunner.Listener.NONE, () -> false).run(spec);

        assertThat(report.search()).hasSize(2).allSatisfy(search -> {
            assertThat(search.trials()).isEqualTo(9);
            assertThat(search.epochsFullBudget()).isEqualTo(81);
            // 9 trials of 1 epoch, 3 continued to 3 (2 more each), 1 continued to 9 (6 more).
            assertThat(search.epochsSpent()).isEqualTo(9 + 3 * 2 + 6);
            assertThat(search.best().metric()).isEqualTo("val_mse");
            assertThat(search.best().value()).isFinite();
        });
        LocalRunner.DatasetReport dataset = report.datasets().get(0);
        assertThat(dataset.tables()).hasSize(1);
        assertThat(dataset.tables().get(0).structure()).isNull();
        assertThat(dataset.tables().get(0).comparison().rows()).allSatisfy(row -> assertThat(row.seeds()).hasSize(3));
        assertThat(dataset.failures()).isEmpty();
    }

    @Test
    void aSearchOfOneStructureLabelsItsTableWithThatStructure() throws Exception {
        ExperimentSpec spec = spec("""
                method: asha
                trials: 3
                budget: {min_epochs: 1, max_epochs: 3, eta: 3}
                space: {activation: [tanh, relu]}
                """);
        LocalRunner.Report report = LocalRunner.of(List.of(), 2, LocalRunner.Listener.NONE, () -> false).run(spec);

        assertThat(report.datasets().get(0).tables()).singleElement()
                .satisfies(table -> assertThat(table.structure()).containsExactly(2));
    }
}
