package org.taskneurons.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How a search picks and trains its trials. */
public enum SearchMethod {
    /** Every combination of the space's choices, each trained for the whole budget. */
    GRID("grid"),
    /** Trials drawn from the space, each trained for the whole budget. */
    RANDOM("random"),
    /**
     * Trials drawn from the space; asynchronous successive halving promotes the best 1/eta of
     * each rung to eta times the epochs and stops the others.
     */
    ASHA("asha");

    private final String label;

    SearchMethod(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static SearchMethod of(String label) {
        return Arrays.stream(values()).filter(method -> method.label.equalsIgnoreCase(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown search method '" + label + "' (known: "
                        + Arrays.stream(values()).map(SearchMethod::label).collect(Collectors.joining(", ")) + ")"));
    }
}
