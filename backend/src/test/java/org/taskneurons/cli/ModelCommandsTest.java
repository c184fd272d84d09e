package org.taskneurons.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskneurons.sr.Formula;

/** train, predict, compare and run through the command line, on small generated files. */
class ModelCommandsTest {
    @TempDir
    Path folder;

    /** y = Σ x_j² over 4 inputs in [−1, 1] plus noise; or its class (above the median) with {@code classes}. */
    private Path data(String name, boolean classes) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder text = new StringBuilder("a,b,c,d,y\n");
        for (int i = 0; i < 300; i++) {
            double y = 0;
            for (int j = 0; j < 4; j++) {
                double x = random.nextDouble(-1, 1);
                y += x * x;
                text.append(x).append(',');
            }
            y += 0.01 * random.nextGaussian();
            text.append(classes ? (y > 4.0 / 3 ? "high" : "low") : Double.toString(y)).append('\n');
        }
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void trainPrintsTheContractFieldsAndSavedModelsPredict() throws IOException {
        Path file = data("square.csv", false);
        Path saved = folder.resolve("model");
        DiscoverCommandTest.Run train = DiscoverCommandTest.run("train", "--data", file.toString(), "--target", "y",
                "--model", "tn", "--single-layer", "--epochs", "150", "--lr", "0.02", "--batch", "16", "--seed", "3",
                "--save", saved.toString(), "--json");
        assertThat(train.exitCode()).as(train.err()).isZero();
        JsonNode json = train.json();
        Formula formula = Formula.parse(json.get("formula").asText());
        assertThat(formula.degree()).hasValue(2);
        // One weight per (term, input) and a bias: the task-based layer's parameters.
        assertThat(json.get("parameters").asLong()).isEqualTo(4L * formula.terms().size() + 1);
        assertThat(json.get("test_metrics").get("r2").asDouble()).isGreaterThan(0.9);
        assertThat(json.get("train_metrics").get("mse").asDouble()).isLessThan(0.02);
        assertThat(json.get("seconds").asDouble()).isPositive();

        DiscoverCommandTest.Run predict = DiscoverCommandTest.run("predict", "--model", saved.toString(), "--data",
                file.toString(), "--target", "y");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out().lines()).hasSize(301).first().isEqualTo("prediction");
        assertThat(predict.err()).contains("300 rows").contains("r2=");
    }

    @Test
    void xgboostTrainsOnRawRowsAndPredictsClassLabels() throws IOException {
        Path file = data("classes.csv", true);
        Path saved = folder.resolve("trees");
        DiscoverCommandTest.Run train = DiscoverCommandTest.run("train", "--data", file.toString(), "--target", "y",
                "--model", "xgboost", "--save", saved.toString(), "--json");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.json().get("test_metrics").get("accuracy").asDouble()).isGreaterThan(0.7);
        DiscoverCommandTest.Run predict = DiscoverCommandTest.run("predict", "--model", saved.toString(), "--data",
                file.toString(), "--target", "y");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out().lines().skip(1)).allMatch(label -> label.equals("high") || label.equals("low"));
    }

    @Test
    void compareBuildsOneTableWithEveryModel() throws IOException {
        Path file = data("square.csv", false);
        DiscoverCommandTest.Run compare = DiscoverCommandTest.run("compare", "--data", file.toString(), "--target", "y",
                "--models", "tn,ln,quadratic,random-poly,xgboost", "--seeds", "2", "--epochs", "5", "--hidden", "4",
                "--batch", "32", "--json");
        assertThat(compare.exitCode()).as(compare.err()).isZero();
        JsonNode dataset = compare.json().get("datasets").get(0);
        assertThat(dataset.get("trainings")).hasSize(10);
        JsonNode rows = dataset.get("tables").get(0).get("comparison").get("rows");
        assertThat(rows).extracting(row -> row.get("model").asText())
                .containsExactly("task-based", "ordinary", "quadratic", "random-polynomial", "xgboost");
    }

    @Test
    void trainRejectsUnknownModelsAndFormulasWithoutTerms() throws IOException {
        Path file = data("square.csv", false);
        DiscoverCommandTest.Run unknown = DiscoverCommandTest.run("train", "--data", file.toString(), "--model", "resnet");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown model 'resnet'");
        DiscoverCommandTest.Run constant = DiscoverCommandTest.run("train", "--data", file.toString(), "--model", "tn",
                "--formula", "3");
        assertThat(constant.exitCode()).isEqualTo(2);
        assertThat(constant.err()).contains("discovery.formula");
    }

    @Test
    void quickstartRunsToItsTable() {
        DiscoverCommandTest.Run run = DiscoverCommandTest.run("run", Path.of("..", "experiments", "quickstart.yaml").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).anyMatch(line -> line.startsWith("task-based  3"));
        assertThat(lines).anyMatch(line -> line.startsWith("ordinary    3"));
    }

    @Test
    void runGivesTheSameTableWithBundlesOfOneAndRefusesABundleSizeOutOfRange() {
        String quickstart = Path.of("..", "experiments", "quickstart.yaml").toString();
        DiscoverCommandTest.Run bundled = DiscoverCommandTest.run("run", quickstart);
        DiscoverCommandTest.Run alone = DiscoverCommandTest.run("run", "--bundle-size", "1", quickstart);
        assertThat(alone.exitCode()).as(alone.err()).isZero();
        assertThat(alone.out()).isEqualTo(bundled.out());

        for (String size : List.of("0", "1025")) {
            DiscoverCommandTest.Run refused = DiscoverCommandTest.run("run", "--bundle-size", size, quickstart);
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err()).contains("--bundle-size must be in [1, 1024]: " + size);
        }
    }
}
