package org.taskneurons.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The names of a file's columns and how a user's column reference (a name, a 1-based index,
 * {@code first} or {@code last}) resolves to one of them.
 */
final class ColumnNames {
    private final List<String> names;

    private ColumnNames(List<String> names) {
        this.names = List.copyOf(names);
    }

    /** Names from a header row: trimmed, blanks named by their index, repeats suffixed {@code .1}, {@code .2}. */
    static ColumnNames fromHeader(String[] header) {
        List<String> names = new ArrayList<>(header.length);
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < header.length; i++) {
            String name = header[i].strip();
            String base = name.isEmpty() ? Integer.toString(i + 1) : name;
            String unique = base;
            for (int repeat = 1; !taken.add(unique); repeat++) {
                unique = base + "." + repeat;
            }
            names.add(unique);
        }
        return new ColumnNames(names);
    }

    /** Names for a file without a header: "1", "2", ... */
    static ColumnNames numbered(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add(Integer.toString(i));
        }
        return new ColumnNames(names);
    }

    int size() {
        return names.size();
    }

    String name(int index) {
        return names.get(index);
    }

    /**
     * The 0-based index {@code reference} points at: an exact name, else a 1-based index or
     * {@code first}/{@code last}, else the one name equal ignoring case.
     *
     * @param role what the column is for, e.g. "target", used in the error message
     */
    int resolve(String reference, String role, String source) {
        String wanted = reference.strip();
        int index = names.indexOf(wanted);
        if (index < 0) {
            index = byPosition(wanted);
        }
        if (index < 0) {
            index = ignoringCase(wanted);
        }
        if (index < 0) {
            throw DataException.of(source, "unknown " + role + " column '" + reference + "'; the columns are "
                    + Excerpt.names(names) + " (or a 1-based index up to " + names.size() + ", first, last)");
        }
        return index;
    }

    private int byPosition(String wanted) {
        if (wanted.equalsIgnoreCase("first")) {
            return 0;
        }
        if (wanted.equalsIgnoreCase("last")) {
            return names.size() - 1;
        }
        if (wanted.isEmpty() || wanted.length() > 9 || !wanted.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int position = Integer.parseInt(wanted);
        return position >= 1 && position <= names.size() ? position - 1 : -1;
    }

    private int ignoringCase(String wanted) {
        int found = -1;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(wanted)) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }
}
