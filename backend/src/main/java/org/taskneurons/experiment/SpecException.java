package org.taskneurons.experiment;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot run, with every problem found and the field it concerns. */
public final class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public SpecException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public static SpecException of(String field, String reason) {
        return new SpecException(List.of(new Violation(field, reason)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
