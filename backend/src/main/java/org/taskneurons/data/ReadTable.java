package org.taskneurons.data;

/**
 * A file's used columns as read, before encoding: the columns in file order, which of them
 * is the target, which the user declared categorical, and the file line of every row.
 */
record ReadTable(String source, ColumnValues[] columns, int target, boolean[] declaredCategorical, int[] lines) {

    int rows() {
        return columns[0].size();
    }

    /** The physical line of {@code row}, for messages. */
    int line(int row) {
        return lines[row];
    }
}
