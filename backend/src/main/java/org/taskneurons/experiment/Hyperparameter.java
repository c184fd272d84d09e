package org.taskneurons.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.taskneurons.choice.Choice;
import org.taskneurons.nn.HiddenActivation;
import org.taskneurons.nn.OptimizerKind;

/**
 * The training settings a search may vary, by their names in the spec's {@code search.space}
 * (the same as in {@code training}), each with the values it accepts.
 */
public enum Hyperparameter {
    LEARNING_RATE("learning_rate", Set.of("uniform", "log_uniform")),
    STRUCTURE("structure", Set.of()),
    ACTIVATION("activation", Set.of()),
    OPTIMIZER("optimizer", Set.of()),
    BATCH_SIZE("batch_size", Set.of("int_uniform")),
    WEIGHT_DECAY("weight_decay", Set.of("uniform", "log_uniform"));

    private final String label;
    private final Set<String> ranges;

    Hyperparameter(String label, Set<String> ranges) {
        this.label = label;
        this.ranges = ranges;
    }

    public String label() {
        return label;
    }

    /** The range kinds ({@code uniform}, {@code log_uniform}, {@code int_uniform}) this one may be drawn from. */
    public Set<String> ranges() {
        return ranges;
    }

    public static Hyperparameter of(String label) {
        return find(label).orElseThrow(() -> new IllegalArgumentException("unknown hyperparameter '" + label
                + "' (known: " + labels() + ")"));
    }

    static Optional<Hyperparameter> find(String label) {
        return Arrays.stream(values()).filter(value -> value.label.equals(label)).findFirst();
    }

    static String labels() {
        return Arrays.stream(values()).map(Hyperparameter::label).collect(Collectors.joining(", "));
    }

    /** Why a chosen value does not fit this hyperparameter; empty when it does. */
    Optional<String> problem(Object value) {
        return switch (this) {
            case LEARNING_RATE -> value instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())
                    ? Optional.empty() : Optional.of("must be a finite number > 0: " + value);
            case WEIGHT_DECAY -> value instanceof Number n && n.doubleValue() >= 0 && Double.isFinite(n.doubleValue())
                    ? Optional.empty() : Optional.of("must be a finite number ≥ 0: " + value);
            case BATCH_SIZE -> value instanceof Integer n && n >= 1 && n <= 1_000_000
                    ? Optional.empty() : Optional.of("must be a whole number in [1, 1000000]: " + value);
            case ACTIVATION -> choiceProblem(HiddenActivation.class, value);
            case OPTIMIZER -> choiceProblem(OptimizerKind.class, value);
            case STRUCTURE -> value instanceof List<?> widths && widths.size() <= 20
                    && widths.stream().allMatch(w -> w instanceof Integer n && n >= 1 && n <= 100_000)
                    ? Optional.empty() : Optional.of("must be a list of up to 20 hidden widths in [1, 100000]: " + value);
        };
    }

    /** Why {@code value} is not a label of {@code type}; empty when it is one. */
    private static <E extends Enum<E> & Choice> Optional<String> choiceProblem(Class<E> type, Object value) {
        if (!(value instanceof String label)) {
            return Optional.of(Choice.unknown(type, String.valueOf(value)).getMessage());
        }
        try {
            Choice.of(type, label);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
