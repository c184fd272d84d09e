package org.taskneurons.data;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A data file or data set that cannot be used as given.
 *
 * <p>The message always names the source (a file name or a data set's name) and, where they
 * are known, the physical 1-based line and the column, then the reason, e.g.
 * {@code "diamonds.csv: line 17, column 'cut': missing value ('NA')"}. The parts are also
 * available separately so that a user interface can point at the cell.
 */
public final class DataException extends IllegalArgumentException {
    private final String source;
    private final long line;
    private final String column;
    private final String reason;

    private DataException(String source, long line, String column, String reason) {
        super(format(source, line, column, reason));
        this.source = source;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** A problem with the whole source, e.g. an empty file. */
    public static DataException of(String source, String reason) {
        return new DataException(source, 0, null, reason);
    }

    /** A problem with one line, e.g. a row with too few fields. */
    public static DataException atLine(String source, long line, String reason) {
        return new DataException(source, line, null, reason);
    }

    /** A problem with one cell. */
    public static DataException atCell(String source, long line, String column, String reason) {
        return new DataException(source, line, column, reason);
    }

    /** A problem with a whole column, e.g. an unknown column name. */
    public static DataException inColumn(String source, String column, String reason) {
        return new DataException(source, 0, column, reason);
    }

    public String source() {
        return source;
    }

    /** The physical 1-based line in the file, when the problem is at one line. */
    public OptionalLong line() {
        return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
    }

    public Optional<String> column() {
        return Optional.ofNullable(column);
    }

    /** The message without the location. */
    public String reason() {
        return reason;
    }

    private static String format(String source, long line, String column, String reason) {
        StringBuilder message = new StringBuilder(source).append(": ");
        if (line > 0) {
            message.append("line ").append(line).append(column == null ? ": " : ", ");
        }
        if (column != null) {
            message.append("column '").append(Excerpt.of(column)).append("': ");
        }
        return message.append(reason).toString();
    }
}
