package org.taskneurons.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code serve} configuration file: YAML ({@code .yaml}, {@code .yml}) or JSON, one object
 * whose keys are the long option names without dashes ({@code bridge-port: 7000}); list
 * settings take a list or one value. A key that is no setting is an error naming it.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /** Each key's value: a string, or a list of strings. */
    static Map<String, Object> read(Path file, Set<String> keys, Set<String> listKeys) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        ObjectMapper mapper = yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("config file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("config file " + file + ": line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Map.of();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("config file " + file + " must hold one object of settings, not " + root.getNodeType());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (!keys.contains(key)) {
                throw new IllegalArgumentException("config file " + file + ": unknown key '" + key + "' (known: "
                        + String.join(", ", new TreeSet<>(keys)) + ")");
            }
            values.put(key, value(file, key, field.getValue(), listKeys.contains(key)));
        }
        return values;
    }

    private static Object value(Path file, String key, JsonNode node, boolean list) {
        if (node.isArray()) {
            if (!list) {
                throw new IllegalArgumentException("config file " + file + ": '" + key + "' takes one value, not a list");
            }
            List<String> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(scalar(file, key, item));
            }
            return items;
        }
        String value = scalar(file, key, node);
        return list ? List.of(value) : value;
    }

    private static String scalar(Path file, String key, JsonNode node) {
        if (node.isNull() || node.isContainerNode()) {
            throw new IllegalArgumentException("config file " + file + ": '" + key + "' must be a "
                    + "text, number or boolean, not " + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return node.asText();
    }
}
