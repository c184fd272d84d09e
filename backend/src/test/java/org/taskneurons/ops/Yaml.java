package org.taskneurons.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the deployment's YAML files as plain maps and lists. SnakeYAML rather than Jackson:
 * the compose file shares settings through anchors and merge keys ({@code <<: *node}), which
 * Jackson's YAML reader does not resolve.
 */
final class Yaml {
    private Yaml() {
    }

    static Map<String, Object> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object document = new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (!(document instanceof Map<?, ?>)) {
                throw new IOException("not a YAML mapping: " + file);
            }
            return map(document);
        }
    }

    static String dump(Map<String, Object> document) {
        return new org.yaml.snakeyaml.Yaml().dump(document);
    }

    /** The mapping at {@code key}, empty when absent. */
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? Map.of() : map(value);
    }

    /** The list at {@code key}, empty when absent. */
    static List<Object> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("not a list at '" + key + "': " + value);
        }
        return List.copyOf(list);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }
}
