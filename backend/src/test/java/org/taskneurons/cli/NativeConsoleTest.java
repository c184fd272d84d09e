package org.taskneurons.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The first training of a process, in a process of its own (libtorch prints a deprecation
 * warning once per process, from native code, straight to stderr): nothing reaches the console's
 * error stream on either training path, including the DJL path's restoring of its best epoch.
 */
class NativeConsoleTest {
    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--engine=fused", "--engine=djl --patience=1 --validation-fraction=0.2"})
    void aFirstTrainingLeavesStderrEmpty(String options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.taskneurons.cli.Main", "train",
                "--synthetic=paper-no1-low", "--model=ln", "--epochs=3"));
        command.addAll(List.of(options.split(" ")));
        Path out = folder.resolve("out.txt");
        Path err = folder.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("train ends within 120 s").isTrue();
            String stdout = Files.readString(out);
            assertThat(process.exitValue()).as(stdout).isZero();
            assertThat(stdout).contains("test ");
            assertThat(Files.readString(err)).as("stderr of train " + options).isEmpty();
        } finally {
            process.destroyForcibly();
        }
    }
}
