package org.taskneurons.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code experiments/sweep.py} against a real standalone node over the TCP bridge (skipped without python3). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepScriptTest {
    static final String TOKEN = "sweep-test-token-0123456789";
    static final String SPEC = """
            {"name": "lr", "datasets": [{"synthetic": "paper-no1-low"}], "discovery": {"method": "subset", "scale": "minmax"},
             "models": ["task-based", "ordinary"], "structures": [[2]],
             "training": {"optimizer": "rmsprop", "epochs": 2, "batch_size": 10, "model_structures": {"task-based": []}},
             "seeds": [1]}
            """;

    @TempDir
    static Path folder;

    Server node;
    Path script;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(python3Present(), "python3 is not installed: sweep.py is not tested");
        script = Path.of("..", "experiments", "sweep.py").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(script), "no " + script);
        Files.writeString(folder.resolve("lr.json"), SPEC);
        ServerSettings settings = ServerSettings.resolve(ServerSettings.flags("port", "0", "bridge-port", "0", "slots", "2",
                "gpus", "none", "token", TOKEN, "state-dir", folder.resolve("state").toString(),
                "data-root", List.of(folder.toString())), Map.of());
        node = Server.start(settings, new PrintWriter(new StringWriter(), true));
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    record Run(int exitCode, String output) {
    }

    private Run sweep(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), "--port", Integer.toString(node.bridgePort())));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void aLearningRateSweepRunsToDoneAndPrintsItsTables() throws Exception {
        Run run = sweep("--token", TOKEN, "--spec", folder.resolve("lr.json").toString(), "--learning-rates", "0.01,0.02");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("submitted lr-lr0.01", "submitted lr-lr0.02", "lr-lr0.01: DONE", "lr-lr0.02: DONE",
                "structure 2", "task-based", "ordinary");
    }

    @Test
    void withoutTheTokenOrWithAnInvalidSpecTheScriptFailsClearly() throws Exception {
        Run anonymous = sweep("--spec", folder.resolve("lr.json").toString());
        assertThat(anonymous.exitCode()).isEqualTo(2);
        assertThat(anonymous.output()).contains("unauthorized");
        Run invalid = sweep("--token", TOKEN, "--spec", folder.resolve("lr.json").toString(), "--epochs", "0");
        assertThat(invalid.exitCode()).as(invalid.output()).isEqualTo(2);
        assertThat(invalid.output()).contains("training.epochs");
    }

    private static boolean python3Present() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
