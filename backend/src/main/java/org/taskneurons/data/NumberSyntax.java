package org.taskneurons.data;

/**
 * Which cell texts are numbers. Only plain decimal notation counts ({@code 12}, {@code -0.5},
 * {@code 1e-3}): {@link Double#parseDouble} alone would also take {@code 1d}, {@code 0x1p3}
 * and {@code NaN}, which in a data file are codes or missing values, not numbers.
 */
final class NumberSyntax {
    private NumberSyntax() {
    }

    /** The number {@code text} spells, or NaN when it is not a plain decimal number. */
    static double parse(String text) {
        if (!looksDecimal(text)) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
    }

    /** Whether {@code text} spells infinity the way files do ({@code inf}, {@code -Infinity}, ...). */
    static boolean isInfinity(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        String rest = text.substring(start);
        return rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity");
    }

    /** A category name for a number: integers without a fraction, so 1 and 1.0 are one category. */
    static String canonical(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static boolean looksDecimal(String text) {
        boolean digit = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return digit;
    }
}
