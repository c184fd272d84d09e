package org.taskneurons.testing;

import java.util.regex.Pattern;

/**
 * What a message for a user must not contain: the program's Java names instead of the words of
 * the command line, the spec and the API.
 */
public final class JavaNames {
    /**
     * A qualified enum constant ({@code Missing.MEAN}), a constant with an underscore
     * ({@code DROP_ROWS}), a list of constants ({@code [AUTO, PRESENT]}), a Java package, a type
     * in backticks as Jackson quotes it, a parser token, an exception class or a method call
     * ({@code withMissing(}).
     */
    public static final Pattern PATTERN = Pattern.compile("\\b[A-Z][A-Za-z]+\\.[A-Z][A-Z_]+\\b|\\b[A-Z]+_[A-Z_]+\\b"
            + "|\\[[A-Z]+(, [A-Z_]+)+]|\\b(java|javax|org\\.taskneurons|com\\.fasterxml)\\.|`[\\w.<>]+`|JsonToken"
            + "|\\w+Exception\\b|\\b[a-z]+[A-Z]\\w*\\(");

    private JavaNames() {
    }
}
