package org.taskneurons.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared data folder next to the project (never copied into it): where surefire says,
 * else {@code ../../shared/data} from the module. Tests that need it are skipped, with a
 * message saying where it was looked for, when it is absent.
 */
public final class SharedData {
    private static final String PROPERTY = "taskneurons.shared.data";

    private SharedData() {
    }

    public static Path file(String relative) {
        Path file = folder().resolve(relative);
        assumeTrue(Files.isRegularFile(file), () -> "shared data file missing, test skipped: " + file);
        return file;
    }

    public static Path folder() {
        String configured = System.getProperty(PROPERTY);
        Path folder = configured != null && Files.isDirectory(Path.of(configured))
                ? Path.of(configured)
                : Path.of("../../shared/data");
        assumeTrue(Files.isDirectory(folder), () -> "shared data folder not found (system property " + PROPERTY
                + "=" + configured + ", fallback " + folder.toAbsolutePath().normalize() + "), test skipped");
        return folder;
    }
}
