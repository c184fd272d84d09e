package org.taskneurons.testing;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The small spec the server and cluster tests submit: one synthetic data set, one discovery,
 * task-based and ordinary networks of the paper's shapes trained on the fused path (RMSprop,
 * batch 10), so that a whole experiment runs in seconds.
 */
public final class TinySpec {
    private TinySpec() {
    }

    /** The spec in YAML, named {@code name}, training {@code epochs} epochs for each of {@code seeds}. */
    public static String yaml(String name, int epochs, long... seeds) {
        return """
                name: %s
                datasets:
                  - synthetic: paper-no1-low
                discovery: {method: subset, scale: minmax}
                models: [task-based, ordinary]
                structures: [[2]]
                training: {optimizer: rmsprop, learning_rate: 0.01, epochs: %d, batch_size: 10,
                           model_structures: {task-based: []}}
                seeds: [%s]
                """.formatted(name, epochs,
                Arrays.stream(seeds).mapToObj(Long::toString).collect(Collectors.joining(", ")));
    }
}
