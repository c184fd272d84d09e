package org.taskneurons.ops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Docker client ({@code /usr/bin/docker}, package docker.io) talking to the daemon
 * at {@code DOCKER_HOST} ({@code .ci/run} starts a private one). Debian's client rather than
 * whatever {@code docker} comes first on the PATH: its {@code docker build} uses the daemon's
 * BuildKit without the buildx plug-in, which newer clients require for {@code RUN --mount}.
 * Every call runs with a client configuration of its own, so no credential helper of the
 * machine's is consulted, and its output goes to a log file that failures quote.
 */
final class DockerEngine {
    static final Path CLIENT = Path.of("/usr/bin/docker");

    private final Path log;
    private final Path configuration;

    private DockerEngine(Path log, Path configuration) {
        this.log = log;
        this.configuration = configuration;
    }

    /** The engine, or the test skipped with the reason when Debian's client or a daemon is missing. */
    static DockerEngine assumeRunning(Path directory) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CLIENT), "Docker not installed at " + CLIENT
                + " (Debian package docker.io; .ci/run installs it and starts a daemon), test skipped");
        Files.createDirectories(directory.resolve("client"));
        DockerEngine engine = new DockerEngine(directory.resolve("docker.log"), directory.resolve("client"));
        Result version = engine.call(Duration.ofSeconds(30), List.of("version", "--format", "{{.Server.Version}}"));
        assumeTrue(version.exitCode() == 0, "no Docker daemon answers at DOCKER_HOST="
                + System.getenv().getOrDefault("DOCKER_HOST", "(unset)") + " (.ci/run starts one), test skipped: "
                + version.output().strip());
        return engine;
    }

    /** Runs {@code docker ARGS}; answers its output, or fails with the output's tail. */
    String run(Duration timeout, String... arguments) throws IOException, InterruptedException {
        return run(timeout, List.of(arguments));
    }

    String run(Duration timeout, List<String> arguments) throws IOException, InterruptedException {
        Result result = call(timeout, arguments);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("docker " + String.join(" ", arguments) + " exited with " + result.exitCode()
                    + ":\n" + tail(result.output(), 60));
        }
        return result.output();
    }

    /** Runs {@code docker ARGS} and answers its exit code and output, whatever the exit code. */
    Result call(Duration timeout, List<String> arguments) throws IOException, InterruptedException {
        return call(timeout, arguments, null);
    }

    /** {@code docker import} of a root file system folder as an image (the folder is sent as a tar stream). */
    void importFileSystem(Path root, String image, Duration timeout) throws IOException, InterruptedException {
        Path tar = root.resolveSibling(root.getFileName() + ".tar");
        Process archive = new ProcessBuilder("tar", "-C", root.toString(), "-cf", tar.toString(), ".")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!archive.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || archive.exitValue() != 0) {
            archive.destroyForcibly();
            throw new IllegalStateException("tar of " + root + " failed:\n" + tail(Files.readString(log), 20));
        }
        try {
            Result imported = call(timeout, List.of("import", "-", image), tar);
            if (imported.exitCode() != 0) {
                throw new IllegalStateException("docker import of " + root + " failed:\n" + tail(imported.output(), 20));
            }
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    boolean hasImage(String image) throws IOException, InterruptedException {
        return call(Duration.ofSeconds(30), List.of("image", "inspect", image)).exitCode() == 0;
    }

    private Result call(Duration timeout, List<String> arguments, Path input) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(CLIENT.toString());
        command.addAll(arguments);
        Path output = Files.createTempFile(log.getParent(), "docker", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.redirectInput(input == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                    : ProcessBuilder.Redirect.from(input.toFile()));
            builder.environment().put("DOCKER_CONFIG", configuration.toString());
            builder.environment().put("DOCKER_BUILDKIT", "1");
            Process process = builder.start();
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String text = Files.readString(output);
            Files.writeString(log, "$ docker " + String.join(" ", arguments) + "\n" + text,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (!ended) {
                throw new IllegalStateException("docker " + String.join(" ", arguments) + " still running after "
                        + timeout + ":\n" + tail(text, 60));
            }
            return new Result(process.exitValue(), text);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    record Result(int exitCode, String output) {
    }
}
