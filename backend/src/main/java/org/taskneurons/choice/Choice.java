package org.taskneurons.choice;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A value of a closed choice (an optimizer, a scaling, a criterion, ...) as users write it in
 * specs, on the command line and in JSON: by its {@link #label()}. Implemented by enums; the
 * spec reader and the command line convert every one through {@link #of} and answer a bad
 * value with the labels there are.
 *
 * <pre>{@code
 * enum Optimizer implements Choice { ADAM, SGD }
 * Choice.of(Optimizer.class, "Adam");   // ADAM, whose label() is "adam"
 * Choice.of(Optimizer.class, "adamw");  // IllegalArgumentException: 'adamw' is not one of adam, sgd
 * }</pre>
 */
public interface Choice {
    /** The enum constant's name ({@link Enum#name()}). */
    String name();

    /** The name in specs, options and JSON: the constant's name in lower case unless the enum says otherwise. */
    default String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The value of {@code type} labelled {@code label}, ignoring case, surrounding blanks and
     * the difference between {@code -}, {@code _} and no separator ({@code min-max} is
     * {@code minmax}).
     *
     * @throws IllegalArgumentException quoting the label and listing the known ones
     */
    static <E extends Enum<E> & Choice> E of(Class<E> type, String label) {
        String key = label == null ? "" : key(label);
        return Arrays.stream(type.getEnumConstants()).filter(choice -> key(choice.label()).equals(key)).findFirst()
                .orElseThrow(() -> unknown(type, label));
    }

    private static String key(String label) {
        return label.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** The error for a value that names no choice of {@code type}: {@code 'adamw' is not one of adam, sgd, rmsprop}. */
    static <E extends Enum<E> & Choice> IllegalArgumentException unknown(Class<E> type, String label) {
        return new IllegalArgumentException("'" + label + "' is not one of " + labels(type));
    }

    /** The labels of {@code type} in declaration order, separated by commas. */
    static <E extends Enum<E> & Choice> String labels(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Choice::label).collect(Collectors.joining(", "));
    }
}
