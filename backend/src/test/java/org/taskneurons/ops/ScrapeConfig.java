package org.taskneurons.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docker/prometheus.yml made to run on loopback: its jobs and labels, scraping every second,
 * each compose service's target replaced by the loopback address its process listens on.
 * Targets of services not given, and DNS discovery (no container DNS here), are left out.
 */
final class ScrapeConfig {
    private ScrapeConfig() {
    }

    /** The shipped configuration with service {@code host:port} targets mapped to {@code addresses} (service to address). */
    static Map<String, Object> forLoopback(Map<String, String> addresses) {
        Map<String, Object> shipped;
        try {
            shipped = Yaml.read(DeploymentFilesTest.DOCKER.resolve("prometheus.yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Object> jobs = new ArrayList<>();
        for (Map<String, Object> job : DeploymentFilesTest.jobs(shipped)) {
            List<Object> staticConfigs = new ArrayList<>();
            for (Object config : Yaml.list(job, "static_configs")) {
                List<String> targets = Yaml.list(Yaml.map(config), "targets").stream()
                        .map(target -> addresses.get(String.valueOf(target).split(":")[0]))
                        .filter(java.util.Objects::nonNull).toList();
                if (!targets.isEmpty()) {
                    Map<String, Object> loopback = new LinkedHashMap<>(Yaml.map(config));
                    loopback.put("targets", targets);
                    staticConfigs.add(loopback);
                }
            }
            if (!staticConfigs.isEmpty()) {
                Map<String, Object> loopback = new LinkedHashMap<>(job);
                loopback.remove("dns_sd_configs");
                loopback.put("static_configs", staticConfigs);
                jobs.add(loopback);
            }
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("global", Map.of("scrape_interval", "1s", "evaluation_interval", "1s", "scrape_timeout", "1s"));
        config.put("scrape_configs", jobs);
        return config;
    }
}
