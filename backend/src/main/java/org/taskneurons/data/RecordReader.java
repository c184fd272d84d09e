package org.taskneurons.data;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import org.taskneurons.data.ReadOptions.Delimiter;

/**
 * Splits delimited text into records of fields, one record at a time, reusing its buffers.
 *
 * <p>Quotes follow RFC 4180: a field that starts with {@code "} runs to the matching quote,
 * may hold delimiters and line breaks, and {@code ""} inside it is one quote; its content is
 * kept verbatim. Unquoted fields are trimmed of spaces and tabs. Lines end with {@code \n},
 * {@code \r\n} or {@code \r}; blank lines are skipped. A leading byte-order mark is dropped.
 *
 * <p>Hand-written rather than regex-based because it runs once per character of files with
 * millions of cells.
 */
final class RecordReader {
    private static final int NO_CHAR = -1;

    private final Reader in;
    private final String source;
    private final char separator;
    private final boolean whitespaceSeparated;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private boolean started;

    private long line = 1;
    private long recordLine;
    private String[] fields = new String[16];
    private int size;
    private final StringBuilder field = new StringBuilder(64);

    /** {@code delimiter} must not be {@link Delimiter#AUTO}; {@code source} names the text in errors. */
    RecordReader(Reader in, Delimiter delimiter, String source) {
        this.in = in;
        this.source = source;
        this.separator = separatorOf(delimiter);
        this.whitespaceSeparated = delimiter == Delimiter.WHITESPACE;
    }

    private static char separatorOf(Delimiter delimiter) {
        return switch (delimiter) {
            case COMMA -> ',';
            case TAB -> '\t';
            case SEMICOLON -> ';';
            case WHITESPACE -> ' ';
            case AUTO -> throw new IllegalArgumentException("delimiter must be resolved before reading: " + delimiter);
        };
    }

    /** Reads the next non-blank record; false at the end of the text. */
    boolean next() throws IOException {
        while (true) {
            recordLine = line;
            size = 0;
            int c = read();
            if (c == NO_CHAR) {
                return false;
            }
            boolean blank = readRecord(c);
            if (!blank) {
                return true;
            }
        }
    }

    /** The number of fields of the current record. */
    int size() {
        return size;
    }

    String field(int index) {
        return fields[index];
    }

    /** The current record's fields, copied. */
    String[] fields() {
        return Arrays.copyOf(fields, size);
    }

    /** The current record's fields in the reader's own buffer: valid until {@link #next()}, longer than {@link #size()}. */
    String[] sharedFields() {
        return fields;
    }

    /** The physical 1-based line on which the current record starts. */
    long line() {
        return recordLine;
    }

    /** Reads fields from {@code c} to the end of the line; true when the line was blank. */
    private boolean readRecord(int c) throws IOException {
        boolean quotedAny = false;
        while (true) {
            c = skipSpaces(c);
            field.setLength(0);
            if (c == '"') {
                quotedAny = true;
                c = readQuoted();
            } else {
                c = readUnquoted(c);
            }
            add(field.toString());
            if (isSeparator(c)) {
                c = read();
                if (whitespaceSeparated) {
                    c = skipSpaces(c);
                    if (isLineEnd(c)) {
                        return endLine(c, quotedAny);
                    }
                }
                continue;
            }
            return endLine(c, quotedAny);
        }
    }

    private boolean endLine(int c, boolean quotedAny) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        if (c != NO_CHAR) {
            line++;
        }
        return size == 1 && !quotedAny && fields[0].isEmpty();
    }

    /** Appends a quoted field's content (the opening quote is consumed); returns the character that ended it. */
    private int readQuoted() throws IOException {
        long start = line;
        while (true) {
            int c = read();
            if (c == NO_CHAR) {
                throw DataException.atLine(source, start, "a quoted field is never closed");
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    return readUnquoted(after);
                }
            } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            field.append((char) c);
        }
    }

    /**
     * Appends characters up to the separator or line end, dropping trailing spaces; returns the
     * character that ended the field. Also reads text after a closing quote, which is kept as
     * spreadsheets do.
     */
    private int readUnquoted(int c) throws IOException {
        int significant = field.length();
        while (!isSeparator(c) && !isLineEnd(c)) {
            field.append((char) c);
            if (c != ' ' && c != '\t') {
                significant = field.length();
            }
            c = read();
        }
        field.setLength(significant);
        return c;
    }

    private int skipSpaces(int c) throws IOException {
        while ((c == ' ' || c == '\t') && !(c == separator && !whitespaceSeparated)) {
            c = read();
        }
        return c;
    }

    private boolean isSeparator(int c) {
        return whitespaceSeparated ? c == ' ' || c == '\t' : c == separator;
    }

    private static boolean isLineEnd(int c) {
        return c == '\n' || c == '\r' || c == NO_CHAR;
    }

    private void add(String value) {
        if (size == fields.length) {
            fields = Arrays.copyOf(fields, size * 2);
        }
        fields[size++] = value;
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return NO_CHAR;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return NO_CHAR;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int count = in.read(buffer, 0, buffer.length);
        if (count <= 0) {
            limit = position = 0;
            return false;
        }
        position = 0;
        limit = count;
        if (!started) {
            started = true;
            if (buffer[0] == '\uFEFF') {
                position = 1;
                return limit > 1 || fill();
            }
        }
        return true;
    }
}
