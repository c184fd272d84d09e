package org.taskneurons.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's package table is the contract: every import of every main class must be the
 * JDK, its own package, a project package the table lets it use (or one those may use, since
 * dependencies point downwards), or a library the table names for it.
 */
class PackageBoundaryTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCES = Path.of("src", "main", "java", "org", "taskneurons");
    private static final Pattern ROW = Pattern.compile("^\\| `org\\.taskneurons\\.(\\w+)` \\|.*\\| ([^|]+) \\|$");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)(?:\\.\\*)?;", Pattern.MULTILINE);
    private static final Pattern PROJECT_PACKAGE = Pattern.compile("`(\\w+)`");
    /** The libraries the table names, by the package prefixes their classes live in. */
    private static final Map<String, List<String>> LIBRARIES = Map.of(
            "DJL", List.of("ai.djl."),
            "xgboost4j", List.of("ml.dmlc.xgboost4j."),
            "Jackson", List.of("com.fasterxml.jackson."),
            "Vert.x", List.of("io.vertx.", "io.netty."),
            "Hazelcast", List.of("com.hazelcast."),
            "Micrometer", List.of("io.micrometer."),
            "SLF4J", List.of("org.slf4j."),
            "picocli", List.of("picocli."));

    private static Map<String, Set<String>> allowedPackages;
    private static Map<String, Set<String>> allowedPrefixes;

    @BeforeAll
    static void readTable() throws IOException {
        allowedPackages = new LinkedHashMap<>();
        allowedPrefixes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(README)) {
            Matcher row = ROW.matcher(line.trim());
            if (!row.matches()) {
                continue;
            }
            String mayUse = row.group(2);
            Set<String> packages = new LinkedHashSet<>();
            if (mayUse.contains("everything above")) {
                allowedPackages.values().forEach(packages::addAll);
                packages.addAll(allowedPackages.keySet());
            }
            Matcher named = PROJECT_PACKAGE.matcher(mayUse);
            while (named.find()) {
                String used = named.group(1);
                packages.add(used);
                packages.addAll(allowedPackages.getOrDefault(used, Set.of()));
            }
            Set<String> prefixes = new LinkedHashSet<>(List.of("java.", "javax."));
            if (mayUse.contains("everything above")) {
                allowedPrefixes.values().forEach(prefixes::addAll);
            }
            LIBRARIES.forEach((library, libraryPrefixes) -> {
                if (mayUse.contains(library)) {
                    prefixes.addAll(libraryPrefixes);
                }
            });
            allowedPackages.put(row.group(1), packages);
            allowedPrefixes.put(row.group(1), prefixes);
        }
    }

    @Test
    void theTableNamesEveryMainPackage() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> folders = Files.list(SOURCES)) {
            folders.filter(Files::isDirectory).forEach(folder -> packages.add(folder.getFileName().toString()));
        }
        assertThat(allowedPackages.keySet()).as("packages in the README's architecture table").containsExactlyInAnyOrderElementsOf(packages);
    }

    @Test
    void everyImportIsOneTheTableAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                String owner = SOURCES.relativize(file).getName(0).toString();
                Matcher imported = IMPORT.matcher(Files.readString(file));
                while (imported.find()) {
                    if (!allowed(owner, imported.group(1))) {
                        violations.add(SOURCES.relativize(file) + " imports " + imported.group(1));
                    }
                }
            }
        }
        assertThat(violations).as("imports the README's package table does not allow").isEmpty();
    }

    private static boolean allowed(String owner, String imported) {
        if (imported.startsWith("org.taskneurons.")) {
            String used = imported.substring("org.taskneurons.".length()).split("\\.")[0];
            return used.equals(owner) || allowedPackages.getOrDefault(owner, Set.of()).contains(used);
        }
        return allowedPrefixes.getOrDefault(owner, Set.of()).stream().anyMatch(imported::startsWith);
    }
}
