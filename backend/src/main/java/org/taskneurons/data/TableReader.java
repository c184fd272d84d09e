package org.taskneurons.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.taskneurons.data.ReadOptions.Delimiter;

/**
 * Reads delimited text into a {@link ReadTable}: detects the delimiter and the header,
 * resolves the target and dropped columns, and checks every row's width as it streams by.
 */
final class TableReader {
    private static final int SAMPLE_CHARS = 1 << 16;
    private static final int HEADER_SAMPLE_ROWS = 50;

    private final String source;
    private final ReadOptions options;
    private ColumnNames names;
    private ColumnValues[] columns;
    private int[] slotOfColumn;
    private int[] lines = new int[1024];
    private int rows;

    TableReader(String source, ReadOptions options) {
        this.source = source;
        this.options = options;
    }

    ReadTable read(Reader reader) throws IOException {
        BufferedReader in = new BufferedReader(reader, SAMPLE_CHARS);
        RecordReader records = new RecordReader(in, delimiter(in), source);
        if (!records.next()) {
            throw DataException.of(source, "the file is empty");
        }
        String[] first = records.fields();
        long firstLine = records.line();
        List<String[]> sample = new ArrayList<>();
        List<Long> sampleLines = new ArrayList<>();
        while (sample.size() < HEADER_SAMPLE_ROWS && records.next()) {
            sample.add(records.fields());
            sampleLines.add(records.line());
        }
        boolean header = hasHeader(first, sample);
        int target = prepareColumns(header ? ColumnNames.fromHeader(first) : ColumnNames.numbered(first.length));
        if (!header) {
            addRow(first, first.length, firstLine);
        }
        for (int i = 0; i < sample.size(); i++) {
            addRow(sample.get(i), sample.get(i).length, sampleLines.get(i));
        }
        while (records.next()) {
            addRow(records.sharedFields(), records.size(), records.line());
        }
        if (rows == 0) {
            throw DataException.of(source, header ? "the file has a header row but no data rows" : "no data rows");
        }
        return new ReadTable(source, columns, slotOfColumn[target], declaredCategorical(), Arrays.copyOf(lines, rows));
    }

    /** The delimiter to use, looking at the first lines when it is not given; leaves {@code in} where it was. */
    private Delimiter delimiter(BufferedReader in) throws IOException {
        if (options.delimiter() != Delimiter.AUTO) {
            return options.delimiter();
        }
        in.mark(SAMPLE_CHARS);
        char[] sample = new char[SAMPLE_CHARS];
        int length = 0;
        for (int count; length < sample.length && (count = in.read(sample, length, sample.length - length)) > 0; ) {
            length += count;
        }
        in.reset();
        return DelimiterDetection.detect(completeLines(sample, length), source);
    }

    /** The sample up to its last line break, so that a cut-off last line does not skew the field counts. */
    private static String completeLines(char[] sample, int length) {
        if (length < sample.length) {
            return new String(sample, 0, length);
        }
        int end = length;
        while (end > 0 && sample[end - 1] != '\n' && sample[end - 1] != '\r') {
            end--;
        }
        return new String(sample, 0, end > 0 ? end : length);
    }

    private boolean hasHeader(String[] first, List<String[]> sample) {
        return switch (options.header()) {
            case PRESENT -> true;
            case ABSENT -> false;
            case AUTO -> HeaderDetection.isHeader(first, sample, options.missingTokens());
        };
    }

    /** Sets up one {@link ColumnValues} per column kept; returns the target's column index. */
    private int prepareColumns(ColumnNames columnNames) {
        names = columnNames;
        int target = names.resolve(options.target(), "target", source);
        boolean[] dropped = new boolean[names.size()];
        for (String reference : options.drop()) {
            int column = names.resolve(reference, "dropped", source);
            if (column == target) {
                throw DataException.inColumn(source, names.name(column), "it is the target and cannot be dropped");
            }
            dropped[column] = true;
        }
        slotOfColumn = new int[names.size()];
        List<ColumnValues> kept = new ArrayList<>();
        for (int column = 0; column < names.size(); column++) {
            slotOfColumn[column] = dropped[column] ? -1 : kept.size();
            if (!dropped[column]) {
                kept.add(new ColumnValues(names.name(column), options.missingTokens()));
            }
        }
        columns = kept.toArray(ColumnValues[]::new);
        return target;
    }

    private boolean[] declaredCategorical() {
        boolean[] declared = new boolean[columns.length];
        for (String reference : options.categorical()) {
            int slot = slotOfColumn[names.resolve(reference, "categorical", source)];
            if (slot >= 0) {
                declared[slot] = true;
            }
        }
        return declared;
    }

    private void addRow(String[] cells, int size, long line) {
        if (size != names.size()) {
            throw DataException.atLine(source, line, size + " fields, expected " + names.size());
        }
        if (rows == lines.length) {
            lines = Arrays.copyOf(lines, rows * 2);
        }
        lines[rows++] = Math.toIntExact(line);
        for (int column = 0; column < size; column++) {
            int slot = slotOfColumn[column];
            if (slot >= 0 && !columns[slot].add(cells[column])) {
                throw DataException.atCell(source, line, names.name(column),
                        "'" + Excerpt.of(cells[column]) + "' is not a finite number");
            }
        }
    }
}
