package org.taskneurons.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.Scaling;
import org.taskneurons.nn.TrainingEngine;
import org.taskneurons.testing.JavaNames;

class SpecTest {
    @TempDir
    Path root;

    @BeforeEach
    void dataFile() throws IOException {
        Files.createDirectories(root.resolve("sets"));
        Files.writeString(root.resolve("sets/airfoil.csv"), "a,y\n1,2\n");
    }

    private static final String YAML = """
            name: airfoil sweep
            datasets:
              - file: sets/airfoil.csv
                target: y
              - synthetic: paper-no1-low
            discovery:
              method: subset
              max_power: 4
            models: [task-based, ordinary, xgboost]
            structures: [[10, 2], []]
            training:
              optimizer: rmsprop
              learning_rates: {ordinary: 0.01}
              epochs: 30
              engine: fused
            seeds: [1, 2, 3]
            """;

    @Test
    void yamlSpecReadsWithDefaultsFilledIn() {
        ExperimentSpec spec = SpecReader.parse(YAML, true);
        assertThat(spec.version()).isEqualTo(1);
        assertThat(spec.datasets()).extracting(ExperimentSpec.DatasetSpec::name).containsExactly("airfoil.csv", "paper-no1-low");
        assertThat(spec.discovery().maxPower()).isEqualTo(4);
        assertThat(spec.discovery().scale()).isEqualTo(Scaling.MIN_MAX);
        assertThat(spec.models()).containsExactly(ModelKind.TASK_BASED, ModelKind.ORDINARY, ModelKind.XGBOOST);
        assertThat(spec.structures()).containsExactly(List.of(10, 2), List.of());
        assertThat(spec.training().learningRate(ModelKind.ORDINARY)).isEqualTo(0.01);
        assertThat(spec.training().learningRate(ModelKind.TASK_BASED)).isEqualTo(0.001);
        assertThat(spec.training().engine()).isEqualTo(TrainingEngine.FUSED);
        assertThat(ExperimentSpec.TrainingSpec.defaults().engine()).isEqualTo(TrainingEngine.AUTO);
        assertThat(spec.split().test()).isEqualTo(0.2);
        assertThat(SpecValidation.violations(spec, List.of(root))).isEmpty();
    }

    @Test
    void jsonAndYamlGiveTheSameSpec() throws IOException {
        ExperimentSpec yaml = SpecReader.parse(YAML, true);
        String json = SpecReader.json().writeValueAsString(yaml);
        assertThat(SpecReader.parse(json, false)).isEqualTo(yaml);
    }

    /** Stored specs and the event bus keep the labels they always had: {@code "rmsprop"}, never {@code "RMSPROP"}. */
    @Test
    void choicesAreWrittenByTheirLabels() {
        JsonNode written = SpecReader.json().valueToTree(SpecReader.parse(
                withDataset("\"training\": {\"optimizer\": \"Adam\", \"scale\": \"min-max\"}"), false));
        assertThat(written.at("/training/optimizer").asText()).isEqualTo("adam");
        assertThat(written.at("/training/activation").asText()).isEqualTo("relu");
        assertThat(written.at("/training/scale").asText()).isEqualTo("minmax");
        assertThat(written.at("/training/engine").asText()).isEqualTo("auto");
        assertThat(written.at("/discovery/method").asText()).isEqualTo("auto");
        assertThat(written.at("/discovery/criterion").asText()).isEqualTo("bic");
        assertThat(written.at("/discovery/scale").asText()).isEqualTo("minmax");
        assertThat(written.at("/datasets/0/task").asText()).isEqualTo("auto");
        assertThat(written.at("/datasets/0/missing").asText()).isEqualTo("reject");
    }

    static Stream<Arguments> unreadable() {
        return Stream.of(
                Arguments.of("{\"name\": \"x\", \"datasets\": [{\"tagret\": \"y\"}]}", "datasets[0].tagret: unknown field (known: "),
                Arguments.of("{\"name\": \"x\", \"seeds\": [\"a\"]}", "seeds[0]: expected a whole number, not 'a'"),
                Arguments.of("{\"name\": \"x\", \"seeds\": \"a\"}", "seeds: expected a list, not 'a'"),
                Arguments.of("{\"name\": \"x\", \"structures\": 5}", "structures: expected a list, not '5'"),
                Arguments.of("{\"name\": \"x\", \"models\": [\"resnet\"]}", "models[0]: unknown model 'resnet'"),
                Arguments.of("{\"name\": \"x\", \"training\": {\"optimizer\": \"lbfgs\"}}",
                        "training.optimizer: 'lbfgs' is not one of adam, sgd, rmsprop"),
                Arguments.of("{\"name\": \"x\", \"training\": {\"engine\": \"gpu\"}}",
                        "training.engine: 'gpu' is not one of auto, djl, fused"),
                Arguments.of("{\"name\": \"x\", \"training\": {\"activation\": [\"relu\"]}}",
                        "training.activation: expected one of relu, sigmoid, tanh, not a list"),
                Arguments.of("{\"name\": \"x\", \"discovery\": {\"method\": \"annealing\"}}",
                        "discovery.method: 'annealing' is not one of auto, gp, subset"),
                Arguments.of("{\"name\": \"x\", \"discovery\": {\"criterion\": \"mdl\"}}",
                        "discovery.criterion: 'mdl' is not one of bic, aic, cv"),
                Arguments.of("{\"name\": \"x\", \"discovery\": {\"scale\": \"log\"}}",
                        "discovery.scale: 'log' is not one of none, minmax, standard"),
                Arguments.of("{\"name\": \"x\", \"datasets\": [{\"synthetic\": \"paper-no1-low\", \"task\": \"ranking\"}]}",
                        "datasets[0].task: 'ranking' is not one of auto, regression, classification"),
                Arguments.of("{\"name\": \"x\", \"training\": {\"epochs\": 1.5}}",
                        "training.epochs: expected a whole number, not '1.5'"),
                Arguments.of("{\"name\": \"x\", \"training\": {\"epochs\": [1]}}",
                        "training.epochs: expected a whole number, not a list"),
                Arguments.of("{\"name\": \"x\", \"training\": {\"learning_rate\": {\"a\": 1}}}",
                        "training.learning_rate: expected a number, not a mapping"),
                Arguments.of("{\"name\": \"x\", \"training\": 3}", "training: expected a mapping of fields"),
                Arguments.of("{\"name\": \"x\",", "(spec): line 1"),
                Arguments.of("   ", "(spec): empty spec"),
                Arguments.of("{\"name\": \"x\"} {}", "(spec): more text after the spec's end"));
    }

    @ParameterizedTest
    @MethodSource("unreadable")
    void unreadableSpecsNameTheField(String json, String message) {
        assertThatThrownBy(() -> SpecReader.parse(json, false)).isInstanceOf(SpecException.class).hasMessageContaining(message)
                .message().doesNotContainPattern(JavaNames.PATTERN);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("{\"datasets\": [{\"synthetic\": \"paper-no1-low\"}]}", "name"),
                Arguments.of("{\"name\": \"x\"}", "datasets"),
                Arguments.of("{\"name\": \"x\", \"datasets\": [{\"file\": \"../etc/passwd\"}]}", "datasets[0].file"),
                Arguments.of("{\"name\": \"x\", \"datasets\": [{\"file\": \"/etc/passwd\"}]}", "datasets[0].file"),
                Arguments.of("{\"name\": \"x\", \"datasets\": [{\"synthetic\": \"paper-no9-low\"}]}", "datasets[0].synthetic"),
                Arguments.of("{\"name\": \"x\", \"datasets\": [{\"synthetic\": \"paper-no1-low\", \"file\": \"sets/airfoil.csv\"}]}",
                        "datasets[0]"),
                Arguments.of(withDataset("\"datasets\": [{\"synthetic\": \"paper-no1-low\"}, {\"synthetic\": \"paper-no1-low\"}]"),
                        "datasets[1].name"),
                Arguments.of(withDataset("\"discovery\": {\"max_terms\": 0}"), "discovery.max_terms"),
                Arguments.of(withDataset("\"discovery\": {\"folds\": 1}"), "discovery.folds"),
                Arguments.of(withDataset("\"discovery\": {\"stability\": -1}"), "discovery.stability"),
                Arguments.of(withDataset("\"discovery\": {\"ops\": [\"+\", \"cosh\"]}"), "discovery.ops[1]"),
                Arguments.of(withDataset("\"discovery\": {\"bases\": [\"+\"]}"), "discovery.bases[0]"),
                Arguments.of(withDataset("\"models\": []"), "models"),
                Arguments.of(withDataset("\"structures\": [[10, 0]]"), "structures[0][1]"),
                Arguments.of(withDataset("\"training\": {\"learning_rate\": -1}"), "training.learning_rate"),
                Arguments.of(withDataset("\"training\": {\"learning_rates\": {\"ordinary\": 0}}"), "training.learning_rates.ordinary"),
                Arguments.of(withDataset("\"training\": {\"patience\": 5}"), "training.patience"),
                Arguments.of(withDataset("\"split\": {\"test\": 1.0}"), "split.test"),
                Arguments.of(withDataset("\"split\": {\"validation\": -0.1}"), "split.validation"),
                Arguments.of(withDataset("\"seeds\": [1, 1]"), "seeds"),
                Arguments.of(withDataset("\"version\": 2"), "version"),
                Arguments.of("{\"name\": \"a\\u0000b\", \"datasets\": [{\"synthetic\": \"paper-no1-low\"}]}", "name"),
                Arguments.of("{\"name\": \"two\\nlines\", \"datasets\": [{\"synthetic\": \"paper-no1-low\"}]}", "name"),
                Arguments.of(withDataset("\"datasets\": [{\"synthetic\": \"paper-no1-low\", \"name\": \"bell\\u0007\"}]"),
                        "datasets[0].name"),
                Arguments.of(withDataset("\"datasets\": [{\"synthetic\": \"paper-no1-low\", \"name\": \"c1\\u009b\"}]"),
                        "datasets[0].name"));
    }

    private static String withDataset(String fields) {
        String datasets = fields.contains("\"datasets\"") ? "" : "\"datasets\": [{\"synthetic\": \"paper-no1-low\"}], ";
        return "{\"name\": \"x\", " + datasets + fields + "}";
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidSpecsNameTheField(String json, String field) {
        ExperimentSpec spec = SpecReader.parse(json, false);
        assertThat(SpecValidation.violations(spec, List.of(root))).extracting(Violation::field).contains(field);
        assertThatThrownBy(() -> SpecValidation.requireValid(spec, List.of(root))).isInstanceOf(SpecException.class)
                .hasMessageContaining(field + ": ");
    }

    @Test
    void filesResolveOnlyInsideTheRoots() throws IOException {
        assertThat(SpecValidation.resolve("sets/airfoil.csv", List.of(root))).isEqualTo(root.resolve("sets/airfoil.csv")
                .toRealPath());
        assertThat(SpecValidation.resolve("sets/../sets/airfoil.csv", List.of(root))).isNotNull();
        assertThat(SpecValidation.resolve("../" + root.getFileName() + "/sets/airfoil.csv", List.of(root.resolve("sets")))).isNull();
        assertThat(SpecValidation.resolve(root.resolve("sets/airfoil.csv").toString(), List.of(root))).isNotNull();
        assertThat(SpecValidation.resolve(root.resolve("sets/airfoil.csv").toString(), List.of(root.resolve("other")))).isNull();
    }

    /**
     * A link inside a root that points outside it is followed before the containment check,
     * at validation and when the worker opens the file; a link that stays inside is fine.
     */
    @Test
    void linksOutOfTheRootAreRefusedAtValidationAndWhenTheFileIsOpened(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("hostname"), "secret-host\n");
        Files.createSymbolicLink(root.resolve("sys"), outside);
        Files.createSymbolicLink(root.resolve("hostname-link.csv"), outside.resolve("hostname"));
        Files.createSymbolicLink(root.resolve("inside.csv"), root.resolve("sets/airfoil.csv"));

        for (String file : List.of("sys/hostname", "hostname-link.csv", root.resolve("sys/hostname").toString())) {
            assertThat(SpecValidation.resolve(file, List.of(root))).as(file).isNull();
            ExperimentSpec spec = SpecReader.parse("{\"name\": \"x\", \"datasets\": [{\"file\": \"" + file
                    + "\", \"target\": \"zzz\"}]}", false);
            assertThat(SpecValidation.violations(spec, List.of(root))).extracting(Violation::field).as(file)
                    .containsExactly("datasets[0].file");
            assertThatThrownBy(() -> DatasetLoader.load(spec.datasets().get(0), List.of(root))).as(file)
                    .isInstanceOf(SpecException.class).hasMessageNotContaining("secret-host");
        }
        assertThat(SpecValidation.resolve("inside.csv", List.of(root))).isEqualTo(root.resolve("sets/airfoil.csv").toRealPath());
    }

    @Test
    void graphHasOneDiscoveryPerDatasetAndTrainingsWaitingOnlyWhenTheyNeedTheFormula() {
        ExperimentSpec spec = SpecReader.parse(YAML, true);
        List<PlannedTask> tasks = TaskGraph.of(spec);
        assertThat(tasks).hasSize(2 * (1 + 3 * 2 * 3));
        assertThat(tasks).filteredOn(t -> t.kind() == PlannedTask.Kind.DISCOVERY).extracting(PlannedTask::key)
                .containsExactly("discover/airfoil.csv", "discover/paper-no1-low");
        PlannedTask taskBased = tasks.stream().filter(t -> t.key().equals("train/airfoil.csv/task-based/10-2/2")).findFirst()
                .orElseThrow();
        assertThat(taskBased.dependsOn()).containsExactly("discover/airfoil.csv");
        assertThat(tasks.stream().filter(t -> t.key().equals("train/paper-no1-low/xgboost/single/3")).findFirst()
                .orElseThrow().dependsOn()).isEmpty();
        assertThat(tasks.stream().map(PlannedTask::key).distinct().count()).isEqualTo(tasks.size());
    }
}
