package org.taskneurons.data;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A table of numeric features and one target, ready for a network or a formula search.
 *
 * <p>Features are column-major: {@code column(c)[row]}. Categorical columns are already
 * encoded (one-hot features are named {@code column=category}). For classification the
 * target holds class ids 0..k-1 that index {@link #classLabels()}; for regression it holds
 * the values as read. Every value is finite.
 *
 * <p><b>Ownership.</b> The arrays returned by {@link #columns()}, {@link #column(int)},
 * {@link #column(String)} and {@link #target()} are this data set's own and must be treated
 * as read-only: copying 50,000-row columns on every call would dominate the engine's batch
 * evaluation. {@link #of} copies what it is given, so no caller can change a data set after
 * the fact; {@link #select} and the {@link Scaler} build new arrays.
 */
public final class Dataset {
    private final String name;
    private final List<String> featureNames;
    private final double[][] columns;
    private final double[] target;
    private final String targetName;
    private final TaskKind kind;
    private final List<String> classLabels;

    private Dataset(String name, List<String> featureNames, double[][] columns, double[] target, String targetName,
                    TaskKind kind, List<String> classLabels) {
        this.name = name;
        this.featureNames = featureNames;
        this.columns = columns;
        this.target = target;
        this.targetName = targetName;
        this.kind = kind;
        this.classLabels = classLabels;
        DatasetValidation.check(name, featureNames, columns, target, targetName, kind, classLabels);
    }

    /**
     * A data set from copies of the given arrays, validated: names unique and as many as the
     * columns, columns as long as the target, values finite, class ids within the labels.
     *
     * @param columns     {@code columns[c][row]}
     * @param classLabels the labels of class ids 0..k-1; empty for regression
     */
    public static Dataset of(String name, List<String> featureNames, double[][] columns, double[] target,
                             String targetName, TaskKind kind, List<String> classLabels) {
        double[][] copy = Arrays.stream(columns).map(double[]::clone).toArray(double[][]::new);
        return owning(name, featureNames, copy, target.clone(), targetName, kind, classLabels);
    }

    /** Like {@link #of} but takes ownership of the arrays instead of copying them. */
    static Dataset owning(String name, List<String> featureNames, double[][] columns, double[] target,
                          String targetName, TaskKind kind, List<String> classLabels) {
        return new Dataset(Objects.requireNonNull(name, "name"), List.copyOf(featureNames), columns,
                Objects.requireNonNull(target, "target"), Objects.requireNonNull(targetName, "targetName"),
                Objects.requireNonNull(kind, "kind"), List.copyOf(classLabels));
    }

    /** Reads a CSV, TSV or whitespace-separated file; the data set is named after the file without its extension. */
    public static Dataset read(Path file, ReadOptions options) throws IOException {
        String fileName = file.getFileName().toString();
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), options.charset())) {
            return TableEncoder.encode(stem(fileName), new TableReader(fileName, options).read(reader), options);
        }
    }

    /** Reads delimited text from {@code reader}, e.g. an upload; {@code name} names the data set and its errors. */
    public static Dataset read(String name, Reader reader, ReadOptions options) throws IOException {
        return TableEncoder.encode(name, new TableReader(name, options).read(reader), options);
    }

    /** Reads delimited text held in memory. */
    public static Dataset parse(String name, String text, ReadOptions options) {
        try {
            return read(name, new StringReader(text), options);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    public String name() {
        return name;
    }

    /** The names of the encoded features, one per column. */
    public List<String> featureNames() {
        return featureNames;
    }

    public String targetName() {
        return targetName;
    }

    public TaskKind kind() {
        return kind;
    }

    public boolean isClassification() {
        return kind == TaskKind.CLASSIFICATION;
    }

    /** The label of each class id, sorted (numbers by value, then text); empty for regression. */
    public List<String> classLabels() {
        return classLabels;
    }

    /** The number of classes; 0 for regression. */
    public int classCount() {
        return classLabels.size();
    }

    public int rows() {
        return target.length;
    }

    public int featureCount() {
        return columns.length;
    }

    /** All feature columns, {@code columns()[c][row]}: a new outer array over the shared, read-only columns. */
    public double[][] columns() {
        return columns.clone();
    }

    /** Feature column {@code index} (shared, read-only). */
    public double[] column(int index) {
        if (index < 0 || index >= columns.length) {
            throw new IndexOutOfBoundsException("feature index out of range [0, " + columns.length + "): " + index);
        }
        return columns[index];
    }

    /** The feature column, or failing that the target, called {@code columnName} (shared, read-only). */
    public double[] column(String columnName) {
        int index = featureNames.indexOf(columnName);
        if (index >= 0) {
            return columns[index];
        }
        if (targetName.equals(columnName)) {
            return target;
        }
        throw DataException.inColumn(name, columnName, "no such column; the features are "
                + Excerpt.names(featureNames) + " and the target is " + Excerpt.of(targetName));
    }

    /** The target values or class ids (shared, read-only). */
    public double[] target() {
        return target;
    }

    /** Whether every row has the same target, which leaves nothing to learn; the engine decides what to do. */
    public boolean isTargetConstant() {
        for (double value : target) {
            if (value != target[0]) {
                return false;
            }
        }
        return true;
    }

    /** The rows at {@code rowIndices}, in that order (repeats allowed, e.g. for a bootstrap sample). */
    public Dataset select(int[] rowIndices) {
        for (int row : rowIndices) {
            if (row < 0 || row >= rows()) {
                throw new IndexOutOfBoundsException("row index out of range [0, " + rows() + "): " + row);
            }
        }
        double[][] selected = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            selected[c] = pick(columns[c], rowIndices);
        }
        return new Dataset(name, featureNames, selected, pick(target, rowIndices), targetName, kind, classLabels);
    }

    private static double[] pick(double[] values, int[] rowIndices) {
        double[] picked = new double[rowIndices.length];
        for (int i = 0; i < rowIndices.length; i++) {
            picked[i] = values[rowIndices[i]];
        }
        return picked;
    }

    /** The same data set with new values of the same shape, owned by the result. */
    Dataset withValues(double[][] newColumns, double[] newTarget) {
        return new Dataset(name, featureNames, newColumns, newTarget, targetName, kind, classLabels);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dataset that
                && name.equals(that.name)
                && featureNames.equals(that.featureNames)
                && targetName.equals(that.targetName)
                && kind == that.kind
                && classLabels.equals(that.classLabels)
                && Arrays.equals(target, that.target)
                && Arrays.deepEquals(columns, that.columns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, featureNames, targetName, kind, classLabels, Arrays.hashCode(target));
    }

    @Override
    public String toString() {
        String task = isClassification() ? classCount() + "-class classification" : "regression";
        return "Dataset[" + name + ": " + rows() + " rows, " + featureCount() + " features, target "
                + targetName + " (" + task + ")]";
    }
}
