package org.taskneurons.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.taskneurons.data.ReadOptions.Missing;

/**
 * Turns a {@link ReadTable} into a {@link Dataset}: decides the task and which features are
 * categorical, applies the missing-value policy, and encodes categories and class labels.
 */
final class TableEncoder {
    private final ReadTable table;
    private final ReadOptions options;
    private final String source;
    private final List<String> featureNames = new ArrayList<>();
    private final List<double[]> features = new ArrayList<>();

    private TableEncoder(ReadTable table, ReadOptions options) {
        this.table = table;
        this.options = options;
        this.source = table.source();
    }

    static Dataset encode(String name, ReadTable table, ReadOptions options) {
        return new TableEncoder(table, options).encode(name);
    }

    private Dataset encode(String name) {
        ColumnValues target = table.columns()[table.target()];
        TaskKind kind = taskKind(target);
        boolean[] categorical = categoricalFeatures();
        int[] rows = usableRows();
        for (int slot = 0; slot < table.columns().length; slot++) {
            if (slot != table.target()) {
                addFeature(table.columns()[slot], categorical[slot], rows);
            }
        }
        if (features.isEmpty()) {
            throw DataException.of(source, "no feature columns: only the target '" + Excerpt.of(target.name()) + "' is left");
        }
        double[][] columns = features.toArray(double[][]::new);
        if (kind == TaskKind.REGRESSION) {
            return Dataset.owning(name, featureNames, columns, numeric(target, rows), target.name(), kind, List.of());
        }
        Categories labels = Categories.of(target, rows);
        return Dataset.owning(name, featureNames, columns, ids(target, labels, rows), target.name(), kind, labels.names());
    }

    private TaskKind taskKind(ColumnValues target) {
        boolean labels = table.declaredCategorical()[table.target()] || target.isMostlyText();
        return switch (options.task()) {
            case CLASSIFICATION -> TaskKind.CLASSIFICATION;
            case AUTO -> labels ? TaskKind.CLASSIFICATION : regression(target);
            case REGRESSION -> {
                if (labels) {
                    throw DataException.inColumn(source, target.name(), "a regression target must hold numbers, but it "
                            + (target.isMostlyText() ? "holds labels such as " + firstText(target) : "is declared categorical")
                            + "; read it as classification with --task classification (in a spec: task: classification)");
                }
                yield regression(target);
            }
        };
    }

    private TaskKind regression(ColumnValues target) {
        requireNumbers(target);
        return TaskKind.REGRESSION;
    }

    private boolean[] categoricalFeatures() {
        boolean[] categorical = table.declaredCategorical().clone();
        for (int slot = 0; slot < categorical.length; slot++) {
            ColumnValues column = table.columns()[slot];
            categorical[slot] |= column.isMostlyText();
            if (!categorical[slot] && slot != table.target()) {
                requireNumbers(column);
            }
        }
        return categorical;
    }

    /** A mostly numeric column with some text is more likely a typo than a categorical column. */
    private void requireNumbers(ColumnValues column) {
        if (column.textCount() > 0) {
            int row = column.firstTextRow();
            throw DataException.atCell(source, table.line(row), column.name(), "'" + Excerpt.of(column.text(row))
                    + "' is not a number, while " + column.numberCount() + " of the column's "
                    + (column.numberCount() + column.textCount()) + " filled cells are");
        }
    }

    private String firstText(ColumnValues column) {
        int row = column.firstTextRow();
        return "'" + Excerpt.of(column.text(row)) + "' (line " + table.line(row) + ")";
    }

    /** The rows to encode, all of them unless missing values make some unusable. */
    private int[] usableRows() {
        int[] all = IntStream.range(0, table.rows()).toArray();
        if (Arrays.stream(table.columns()).allMatch(column -> column.missingCount() == 0)) {
            return all;
        }
        ColumnValues target = table.columns()[table.target()];
        return switch (options.missing()) {
            case REJECT -> throw missingValue(firstMissing(table.columns()), "fill or drop missing values with"
                    + " --missing mean|median|drop_rows (in a spec: missing: mean, median or drop_rows)");
            case MEAN, MEDIAN -> {
                if (target.missingCount() > 0) {
                    throw missingValue(target, "targets are never imputed: fix the file or drop such rows with"
                            + " --missing drop_rows (in a spec: missing: drop_rows)");
                }
                yield all;
            }
            case DROP_ROWS -> completeRows();
        };
    }

    private static ColumnValues firstMissing(ColumnValues[] columns) {
        ColumnValues first = null;
        for (ColumnValues column : columns) {
            if (column.missingCount() > 0 && (first == null || column.firstMissingRow() < first.firstMissingRow())) {
                first = column;
            }
        }
        return first;
    }

    private DataException missingValue(ColumnValues column, String advice) {
        String text = column.firstMissingText();
        String cell = text.isEmpty() ? "an empty cell" : "'" + Excerpt.of(text) + "'";
        return DataException.atCell(source, table.line(column.firstMissingRow()), column.name(),
                "missing value (" + cell + "); " + advice);
    }

    private int[] completeRows() {
        int[] rows = IntStream.range(0, table.rows())
                .filter(row -> Arrays.stream(table.columns()).noneMatch(column -> column.isMissing(row)))
                .toArray();
        if (rows.length == 0) {
            throw DataException.of(source, "every row has a missing value, so --missing drop_rows (missing: drop_rows)"
                    + " leaves no rows");
        }
        return rows;
    }

    private void addFeature(ColumnValues column, boolean categorical, int[] rows) {
        if (!categorical) {
            featureNames.add(column.name());
            features.add(numeric(column, rows));
            return;
        }
        Categories categories = Categories.of(column, rows);
        if (categories.isEmpty()) {
            throw nothingToImpute(column);
        }
        switch (options.encoding()) {
            case ONE_HOT -> addOneHot(column, categories, rows);
            case ORDINAL -> {
                featureNames.add(column.name());
                features.add(ids(column, categories, rows));
            }
        }
    }

    private void addOneHot(ColumnValues column, Categories categories, int[] rows) {
        double[][] indicators = new double[categories.size()][rows.length];
        for (int i = 0; i < rows.length; i++) {
            indicators[categories.id(column, rows[i])][i] = 1;
        }
        for (int id = 0; id < categories.size(); id++) {
            featureNames.add(column.name() + "=" + categories.names().get(id));
            features.add(indicators[id]);
        }
    }

    private static double[] ids(ColumnValues column, Categories categories, int[] rows) {
        double[] ids = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            ids[i] = categories.id(column, rows[i]);
        }
        return ids;
    }

    private double[] numeric(ColumnValues column, int[] rows) {
        boolean imputed = options.missing() == Missing.MEAN || options.missing() == Missing.MEDIAN;
        double fill = imputed && column.missingCount() > 0 ? fillValue(column, rows) : Double.NaN;
        double[] values = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double value = column.number(rows[i]);
            values[i] = Double.isNaN(value) ? fill : value;
        }
        return values;
    }

    /** The mean or median of the column's filled cells among {@code rows}. */
    private double fillValue(ColumnValues column, int[] rows) {
        double[] filled = Arrays.stream(rows).filter(row -> !column.isMissing(row)).mapToDouble(column::number).toArray();
        if (filled.length == 0) {
            throw nothingToImpute(column);
        }
        if (options.missing() == Missing.MEAN) {
            return Arrays.stream(filled).sum() / filled.length;
        }
        Arrays.sort(filled);
        int middle = filled.length / 2;
        return filled.length % 2 == 1 ? filled[middle] : (filled[middle - 1] + filled[middle]) / 2;
    }

    private DataException nothingToImpute(ColumnValues column) {
        return DataException.inColumn(source, column.name(), "every cell is missing, so there is nothing to fill it from");
    }
}
