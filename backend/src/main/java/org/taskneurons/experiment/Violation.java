package org.taskneurons.experiment;

/**
 * One problem with a spec.
 *
 * @param field  where, as a path: {@code datasets[1].target}
 * @param reason what is wrong, quoting the bad value
 */
public record Violation(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
