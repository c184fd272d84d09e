package org.taskneurons.data;

import java.util.List;
import java.util.Set;

/**
 * Decides whether a file's first row names its columns. It does when some column changes
 * kind after the first row: text above numbers (the usual header) or a number above text
 * (a header of column numbers over a column of class labels, as in {@code vehicle.csv}).
 * A lone row is a header when it holds no number. When every column is text throughout, a
 * header cannot be told from data; such files need {@link ReadOptions.Header#PRESENT}.
 */
final class HeaderDetection {
    private enum Kind { NUMBER, TEXT, MISSING }

    private HeaderDetection() {
    }

    static boolean isHeader(String[] first, List<String[]> following, Set<String> missingTokens) {
        if (following.isEmpty()) {
            return allText(first, missingTokens);
        }
        for (int column = 0; column < first.length; column++) {
            if (changesKind(column, first, following, missingTokens)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allText(String[] row, Set<String> missingTokens) {
        for (String cell : row) {
            if (kind(cell, missingTokens) != Kind.TEXT) {
                return false;
            }
        }
        return true;
    }

    private static boolean changesKind(int column, String[] first, List<String[]> following, Set<String> missingTokens) {
        Kind top = kind(first[column], missingTokens);
        if (top == Kind.MISSING) {
            return false;
        }
        int numbers = 0;
        int texts = 0;
        for (String[] row : following) {
            if (column < row.length) {
                Kind below = kind(row[column], missingTokens);
                numbers += below == Kind.NUMBER ? 1 : 0;
                texts += below == Kind.TEXT ? 1 : 0;
            }
        }
        return top == Kind.TEXT ? numbers > 0 && texts == 0 : texts > 0 && numbers == 0;
    }

    private static Kind kind(String cell, Set<String> missingTokens) {
        if (missingTokens.contains(cell)) {
            return Kind.MISSING;
        }
        boolean number = !Double.isNaN(NumberSyntax.parse(cell)) || NumberSyntax.isInfinity(cell);
        return number ? Kind.NUMBER : Kind.TEXT;
    }
}
