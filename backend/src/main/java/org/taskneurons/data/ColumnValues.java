package org.taskneurons.data;

import java.util.Arrays;
import java.util.Set;

/**
 * The cells of one column as read, before the column is known to be numeric or categorical.
 *
 * <p>Numbers are kept parsed and text only where a cell is not a number, so a numeric column
 * costs one {@code double} per row however many rows it has. A categorical column names its
 * numeric-looking cells by {@link NumberSyntax#canonical}, which is why {@code 1} and
 * {@code 1.0} fall into one category.
 */
final class ColumnValues {
    private final String name;
    private final Set<String> missingTokens;
    private double[] numbers = new double[1024];
    private String[] texts;
    private int size;
    private int numberCount;
    private int textCount;
    private int missingCount;
    private int firstTextRow = -1;
    private int firstMissingRow = -1;
    private String firstMissingText;

    ColumnValues(String name, Set<String> missingTokens) {
        this.name = name;
        this.missingTokens = missingTokens;
    }

    /** Appends a cell; false when it is an infinite number, which the caller reports with its line. */
    boolean add(String cell) {
        if (size == numbers.length) {
            grow();
        }
        int row = size++;
        numbers[row] = Double.NaN;
        if (missingTokens.contains(cell)) {
            countMissing(row, cell);
            return true;
        }
        double value = NumberSyntax.parse(cell);
        if (Double.isNaN(value)) {
            if (NumberSyntax.isInfinity(cell)) {
                return false;
            }
            addText(row, cell);
            return true;
        }
        numbers[row] = value;
        numberCount++;
        return Double.isFinite(value);
    }

    private void countMissing(int row, String cell) {
        if (missingCount++ == 0) {
            firstMissingRow = row;
            firstMissingText = cell;
        }
    }

    private void addText(int row, String cell) {
        if (texts == null) {
            texts = new String[numbers.length];
            firstTextRow = row;
        }
        texts[row] = cell;
        textCount++;
    }

    private void grow() {
        numbers = Arrays.copyOf(numbers, numbers.length * 2);
        if (texts != null) {
            texts = Arrays.copyOf(texts, numbers.length);
        }
    }

    String name() {
        return name;
    }

    int size() {
        return size;
    }

    int numberCount() {
        return numberCount;
    }

    int textCount() {
        return textCount;
    }

    int missingCount() {
        return missingCount;
    }

    /** Whether most filled cells are text, the sign of a categorical column. */
    boolean isMostlyText() {
        return textCount > numberCount;
    }

    /** The first row holding text, or -1. */
    int firstTextRow() {
        return firstTextRow;
    }

    /** The first row with a missing cell, or -1. */
    int firstMissingRow() {
        return firstMissingRow;
    }

    /** The text of the first missing cell, or null. */
    String firstMissingText() {
        return firstMissingText;
    }

    boolean isMissing(int row) {
        return Double.isNaN(numbers[row]) && (texts == null || texts[row] == null);
    }

    /** The number in {@code row}, NaN when the cell is missing or text. */
    double number(int row) {
        return numbers[row];
    }

    /** The cell's category name; only for cells that are not missing. */
    String category(int row) {
        return texts != null && texts[row] != null ? texts[row] : NumberSyntax.canonical(numbers[row]);
    }

    /** The text of a non-numeric cell, or null. */
    String text(int row) {
        return texts == null ? null : texts[row];
    }
}
