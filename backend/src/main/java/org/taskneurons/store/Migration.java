package org.taskneurons.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One step of the schema's history: the statements that take it from {@code version - 1}
 * to {@code version}.
 *
 * @param description what the step does, from the file name ({@code V2__progress.sql} → {@code progress})
 * @param statements  SQL statements in the common subset of H2 (PostgreSQL mode) and PostgreSQL
 */
record Migration(int version, String description, List<String> statements) {

    private static final Pattern FILE_NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.sql");

    Migration {
        Require.range("version", version, 1, Integer.MAX_VALUE);
        Require.text("description", description, 200);
        statements = List.copyOf(Require.present("statements", statements));
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("migration V" + version + " has no statements");
        }
    }

    /** The migration in the class-path resource {@code folder + fileName}, e.g. {@code V1__init.sql}. */
    static Migration resource(String folder, String fileName) {
        Matcher name = FILE_NAME.matcher(fileName);
        if (!name.matches()) {
            throw new IllegalArgumentException("migration file name is not V<n>__<words>.sql: '" + fileName + "'");
        }
        String path = folder + fileName;
        try (InputStream in = Migration.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new StoreException("migration not on the class path: " + path);
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Migration(Integer.parseInt(name.group(1)), name.group(2), statements(sql));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + path, e);
        }
    }

    /** The file's name, for messages. */
    String fileName() {
        return "V" + version + "__" + description + ".sql";
    }

    /**
     * Splits a script at semicolons that end a line, after dropping {@code --} comment
     * lines. Migrations are written for this: no semicolon ends a line inside a literal.
     */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
