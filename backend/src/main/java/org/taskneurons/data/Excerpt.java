package org.taskneurons.data;

import java.util.List;

/**
 * Short, printable quotes of a file's text for error messages.
 *
 * <p>A file that is not a data set (a configuration file, a log) still gets as far as its
 * header before it is refused, and its errors are readable by anyone who can list the tasks;
 * so a message quotes at most a few header names and single cells, each cut to
 * {@value #MAX_CHARS} characters, with control characters shown as {@code ?}.
 */
final class Excerpt {
    static final int MAX_CHARS = 40;
    static final int MAX_NAMES = 12;

    private Excerpt() {
    }

    /** {@code text} cut to {@value #MAX_CHARS} characters (an ellipsis and the full length mark a cut). */
    static String of(String text) {
        String shown = text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "… (" + text.length() + " characters)";
        StringBuilder printable = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return printable.toString();
    }

    /** The first {@value #MAX_NAMES} names, each cut as {@link #of} cuts, and how many there are when some are left out. */
    static String names(List<String> names) {
        StringBuilder listed = new StringBuilder();
        for (int i = 0; i < Math.min(names.size(), MAX_NAMES); i++) {
            listed.append(i == 0 ? "" : ", ").append(of(names.get(i)));
        }
        if (names.size() > MAX_NAMES) {
            listed.append(", … (").append(names.size()).append(" columns)");
        }
        return listed.toString();
    }
}
