package org.taskneurons.store;

import java.util.List;

/**
 * A task as the experiment's expansion describes it, before the store gives it an id.
 *
 * @param key          unique within the experiment and readable, e.g. {@code discover/airfoil}
 *                     or {@code train/airfoil/TN/seed-3}
 * @param kind         what the worker runs, e.g. {@code discover} or {@code train}
 * @param requiresGpu  whether only GPU workers may take it
 * @param maxAttempts  how many times it may be leased before it counts as FAILED, in [1, 100]
 * @param inputJson    what the worker needs to run it, as JSON
 * @param dependsOn    keys of tasks of the same experiment that must be DONE before this
 *                     one is queued
 * @param bundleKey    tasks of one experiment with the same bundle key may be leased together
 *                     as one bundle and run in one batched pass; null: always leased alone
 */
public record TaskDraft(
        String key, String kind, boolean requiresGpu, int maxAttempts, String inputJson, List<String> dependsOn,
        String bundleKey) {

    public static final int MAX_KEY_LENGTH = 200;
    public static final int MAX_KIND_LENGTH = 64;
    public static final int MAX_ATTEMPTS = 100;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    public TaskDraft {
        Require.text("key", key, MAX_KEY_LENGTH);
        Require.text("kind", kind, MAX_KIND_LENGTH);
        Require.range("maxAttempts", maxAttempts, 1, MAX_ATTEMPTS);
        Require.json("inputJson", inputJson);
        dependsOn = List.copyOf(Require.present("dependsOn", dependsOn));
        if (dependsOn.contains(key)) {
            throw new IllegalArgumentException("task '" + key + "' depends on itself");
        }
        if (dependsOn.stream().distinct().count() != dependsOn.size()) {
            throw new IllegalArgumentException("dependsOn of task '" + key + "' repeats a key: " + dependsOn);
        }
        if (bundleKey != null) {
            Require.text("bundleKey", bundleKey, MAX_KEY_LENGTH);
        }
    }

    /** A CPU task with {@value #DEFAULT_MAX_ATTEMPTS} attempts and no dependencies. */
    public static TaskDraft of(String key, String kind, String inputJson) {
        return new TaskDraft(key, kind, false, DEFAULT_MAX_ATTEMPTS, inputJson, List.of(), null);
    }

    public TaskDraft withDependsOn(String... keys) {
        return new TaskDraft(key, kind, requiresGpu, maxAttempts, inputJson, List.of(keys), bundleKey);
    }

    public TaskDraft withRequiresGpu(boolean value) {
        return new TaskDraft(key, kind, value, maxAttempts, inputJson, dependsOn, bundleKey);
    }

    public TaskDraft withMaxAttempts(int value) {
        return new TaskDraft(key, kind, requiresGpu, value, inputJson, dependsOn, bundleKey);
    }

    public TaskDraft withBundleKey(String value) {
        return new TaskDraft(key, kind, requiresGpu, maxAttempts, inputJson, dependsOn, value);
    }

    /** Whether the task can be queued as soon as it is stored. */
    public boolean isReady() {
        return dependsOn.isEmpty();
    }
}
