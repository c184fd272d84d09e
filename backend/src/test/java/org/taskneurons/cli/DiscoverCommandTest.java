package org.taskneurons.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.SharedData;
import org.taskneurons.sr.Formula;
import picocli.CommandLine;

class DiscoverCommandTest {
    @TempDir
    Path folder;

    record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Main.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** y = 2·Σx² − Σx + 1 on 3 inputs, written with or without a header and in either layout. */
    private Path quadratic(String name, boolean header, String separator) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        StringBuilder text = new StringBuilder(header ? String.join(separator, "a", "b", "c", "y") + "\n" : "");
        for (int i = 0; i < 200; i++) {
            double[] x = {random.nextDouble(-3, 3), random.nextDouble(-3, 3), random.nextDouble(-3, 3)};
            double y = 1 + 0.001 * random.nextGaussian();
            for (double v : x) {
                y += 2 * v * v - v;
            }
            text.append(x[0]).append(separator).append(x[1]).append(separator).append(x[2]).append(separator).append(y).append('\n');
        }
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void jsonHasTheContractFields() throws IOException {
        Run run = run("discover", "--data", quadratic("q.csv", true, ",").toString(), "--target", "y", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("formula").asText()).contains("·Σx^2 − ").contains("·Σx + ");
        assertThat(json.get("terms")).hasSize(2);
        assertThat(json.get("terms").get(0).get("expr").asText()).isEqualTo("x^2");
        assertThat(json.get("terms").get(0).get("coef").asDouble()).isCloseTo(2.0, within(1e-3));
        assertThat(json.get("terms").get(1).get("expr").asText()).isEqualTo("x");
        assertThat(json.get("terms").get(1).get("coef").asDouble()).isCloseTo(-1.0, within(1e-3));
        assertThat(json.get("intercept").asDouble()).isCloseTo(1.0, within(1e-2));
        JsonNode formulaJson = new ObjectMapper().readTree(Formula.parse(json.get("formula").asText()).toJson());
        assertThat(List.of(json.get("formula"), json.get("terms"), json.get("intercept"))).as("the formula's one JSON form")
                .containsExactly(formulaJson.get("formula"), formulaJson.get("terms"), formulaJson.get("intercept"));
        assertThat(json.get("train_mse").asDouble()).isLessThan(1e-5);
        assertThat(json.get("search_seconds").asDouble()).isPositive();
        assertThat(json.get("evaluations").asLong()).isPositive();
        assertThat(json.get("method").asText()).isEqualTo("subset");
    }

    @Test
    void crossValidationWithAStabilityReportInJson() throws IOException {
        Run run = run("discover", "--data", quadratic("q.csv", true, ",").toString(), "--target", "y", "--criterion", "cv",
                "--stability", "8", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("criterion").asText()).isEqualTo("cv");
        JsonNode stability = json.get("stability");
        assertThat(stability.get("resamples").asInt()).isEqualTo(8);
        assertThat(stability.get("modal").asText()).isEqualTo("Σx^2 + Σx + c");
        assertThat(stability.get("modal_frequency").asDouble()).isEqualTo(1.0);
        assertThat(stability.get("chosen_frequency").asDouble()).isEqualTo(1.0);
        List<String> terms = new ArrayList<>();
        stability.get("terms").forEach(term -> terms.add(term.get("term").asText()));
        assertThat(terms).containsExactly("x^2", "x", "intercept");
        JsonNode square = stability.get("terms").get(0);
        assertThat(square.get("frequency").asDouble()).isEqualTo(1.0);
        assertThat(square.get("low").asDouble()).isCloseTo(2.0, within(1e-3)).isLessThanOrEqualTo(square.get("high").asDouble());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stabilityText")
    void textShowsTheStabilityReportUnlessTurnedOff(String stability, boolean shown) throws IOException {
        Run run = run("discover", "--data", quadratic("q.csv", true, ",").toString(), "--target", "y", "--stability", stability);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).as(run.out()).matches(shown ? "(?s).*modal formula  Σx\\^2 \\+ Σx \\+ c \\(\\d+% of resamples\\).*"
                : "(?s)((?!stability).)*");
    }

    static Stream<Arguments> stabilityText() {
        return Stream.of(Arguments.of("5", true), Arguments.of("0", false));
    }

    @Test
    void whitespaceSeparatedFileWithoutHeaderUsesColumnIndices() throws IOException {
        Run run = run("discover", "--data", quadratic("q.dat", false, "  ").toString(), "--target", "4", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("terms").get(0).get("coef").asDouble()).isCloseTo(2.0, within(1e-3));
    }

    @Test
    void geneticProgrammingRunsWithTheGivenBudget() throws IOException {
        Run run = run("discover", "--data", quadratic("q.csv", true, ",").toString(), "--method", "gp",
                "--population", "100", "--generations", "10", "--seed", "3", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("method").asText()).isEqualTo("gp");
        assertThat(run.json().get("evaluations").asLong()).isEqualTo(100 + 10 * 95);
    }

    @Test
    void minMaxScalingReportsTheFormulaOfTheScaledData() throws IOException {
        Run run = run("discover", "--data", quadratic("q.csv", true, ",").toString(), "--scale", "minmax", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("train_mse").asDouble()).isLessThan(1e-3);
    }

    @Test
    void epsilonLowNo1GivesSixSumOfSquares() {
        Path file = SharedData.file("synthetic-epsilon/epsilon_low_no1.csv");
        Run run = run("discover", "--data", file.toString(), "--target", "y", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"formula\" : \"6.0017");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("a,y\n", "no data rows"),
                Arguments.of("", "empty"),
                Arguments.of("a,y\n1,2\n2,NaN\n", "line 3"),
                Arguments.of("a,y\n1,2\n2,inf\n", "line 3"),
                Arguments.of("a,y\n1,5\n2,5\n3,5\n", "is constant"),
                Arguments.of("a,b,y\n1,2,3\n4,5\n", "line 3"),
                Arguments.of("a,b,y\n1,2,3\n4,x,5\n5,6,7\n6,7,8\n", "'b'"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputGivesOneClearLineAndExitCode2(String content, String message) throws IOException {
        Path file = folder.resolve("bad.csv");
        Files.writeString(file, content);
        Run run = run("discover", "--data", file.toString(), "--target", "y");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains(message).doesNotContain("Exception");
    }

    @Test
    void missingFileAndUnknownOperatorsAreClearErrors() throws IOException {
        Run missing = run("discover", "--data", folder.resolve("nope.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file: ").contains("nope.csv");
        Run unknown = run("discover", "--data", quadratic("q.csv", true, ",").toString(), "--ops", "+,cosh");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--ops: unknown operator 'cosh'");
    }

    @Test
    void syntheticPaperSetNeedsNoFile() throws IOException {
        Run run = run("discover", "--synthetic", "paper-no1-low", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("terms")).hasSize(1);
        assertThat(run.json().get("terms").get(0).get("expr").asText()).isEqualTo("x^2");
        assertThat(run.json().get("terms").get(0).get("coef").asDouble()).isCloseTo(6.0, within(0.06));
    }

    @Test
    void dataSourceMustBeExactlyOne() {
        assertThat(run("discover").err()).contains("give either --data FILE or --synthetic NAME");
        assertThat(run("discover", "--synthetic", "paper-no9-low").err()).contains("unknown synthetic set 'paper-no9-low'");
    }

    @Test
    void classLabelsAreRejectedForRegression() throws IOException {
        Path file = folder.resolve("classes.csv");
        Files.writeString(file, "a,label\n1,cat\n2,dog\n3,cat\n");
        Run run = run("discover", "--data", file.toString(), "--target", "label");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("class labels");
    }
}
