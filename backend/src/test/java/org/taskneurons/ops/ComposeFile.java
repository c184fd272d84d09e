package org.taskneurons.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker compose file read the way {@code docker compose} reads it, as far as the tests
 * need: services, their commands, environments with {@code ${VAR:-default}} interpolated to
 * the default (as on a machine that sets none of them), published ports and volumes; and a
 * Task Neurons node's {@code serve} settings, each from its flag in the command or else its
 * {@code TN_*} variable.
 */
record ComposeFile(Path file, Map<String, Object> document) {
    /** {@code serve}'s defaults for the settings the tests compare (the contract's). */
    private static final Map<String, String> SERVE_DEFAULTS = Map.of(
            "mode", "standalone", "port", "8080", "bridge-port", "7000", "cluster-port", "5701", "bus-port", "0");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    static ComposeFile read(Path file) throws IOException {
        return new ComposeFile(file, Yaml.read(file));
    }

    Map<String, Object> services() {
        return Yaml.map(document, "services");
    }

    Map<String, Object> service(String name) {
        Object service = services().get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service '" + name + "' in " + file + ": " + services().keySet());
        }
        return Yaml.map(service);
    }

    /** Services that run {@code taskneurons.jar serve}. */
    List<String> nodes() {
        return services().keySet().stream().filter(name -> command(name).stream().findFirst()
                .filter("serve"::equals).isPresent()).toList();
    }

    List<String> command(String service) {
        return Yaml.list(service(service), "command").stream().map(String::valueOf).toList();
    }

    Map<String, String> environment(String service) {
        Object raw = service(service).get("environment");
        Map<String, String> environment = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> map) {
            map.forEach((key, value) -> environment.put(String.valueOf(key),
                    value == null ? "" : interpolate(String.valueOf(value))));
        } else if (raw instanceof List<?> list) {
            for (Object entry : list) {
                String[] pair = String.valueOf(entry).split("=", 2);
                environment.put(pair[0], pair.length == 2 ? interpolate(pair[1]) : "");
            }
        }
        return environment;
    }

    /**
     * A {@code serve} setting of a node by its flag name ({@code port}, {@code cluster-port}):
     * the flag in the command, else {@code TN_<FLAG>}, else serve's default; empty when none.
     */
    Optional<String> setting(String service, String flag) {
        List<String> command = command(service);
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).equals("--" + flag) && i + 1 < command.size()) {
                return Optional.of(command.get(i + 1));
            }
            if (command.get(i).startsWith("--" + flag + "=")) {
                return Optional.of(command.get(i).substring(flag.length() + 3));
            }
        }
        String variable = environment(service).get(environmentName(flag));
        if (variable != null && !variable.isEmpty()) {
            return Optional.of(variable);
        }
        return Optional.ofNullable(SERVE_DEFAULTS.get(flag));
    }

    static String environmentName(String flag) {
        return "TN_" + flag.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    int httpPort(String service) {
        return Integer.parseInt(setting(service, "port").orElseThrow());
    }

    /** Published ports: container port to host port ("8080:8080", "127.0.0.1:3000:3000"). */
    Map<Integer, Integer> publishedPorts(String service) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (Object entry : Yaml.list(service(service), "ports")) {
            String[] parts = interpolate(String.valueOf(entry)).split(":");
            int container = Integer.parseInt(parts[parts.length - 1].replaceFirst("/.*", ""));
            ports.put(container, parts.length == 1 ? container : Integer.parseInt(parts[parts.length - 2]));
        }
        return ports;
    }

    /** Volume mounts in the short syntax, source to target (sources as written). */
    List<Mount> mounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (Object entry : Yaml.list(service(service), "volumes")) {
            String[] parts = String.valueOf(entry).split(":");
            mounts.add(new Mount(parts[0], parts[1], parts.length > 2 && parts[2].contains("ro")));
        }
        return mounts;
    }

    /** A bind mount's source resolved against the compose file's folder. */
    Path bindSource(Mount mount) {
        return file.getParent().resolve(mount.source()).normalize();
    }

    record Mount(String source, String target, boolean readOnly) {
        boolean isBind() {
            return source.startsWith(".") || source.startsWith("/");
        }
    }

    /** {@code ${VAR:-default}} and {@code ${VAR-default}} to the default, {@code ${VAR}} to "". */
    static String interpolate(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(matcher.group(2) == null ? "" : matcher.group(2)));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
