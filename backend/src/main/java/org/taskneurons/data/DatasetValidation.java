package org.taskneurons.data;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The invariants every {@link Dataset} keeps, checked once when it is made. */
final class DatasetValidation {
    private DatasetValidation() {
    }

    static void check(String name, List<String> featureNames, double[][] columns, double[] target, String targetName,
                      TaskKind kind, List<String> classLabels) {
        checkNames(name, featureNames, columns.length);
        for (int c = 0; c < columns.length; c++) {
            double[] column = Objects.requireNonNull(columns[c], "column " + c);
            if (column.length != target.length) {
                throw DataException.inColumn(name, featureNames.get(c),
                        column.length + " rows, but the target has " + target.length);
            }
            checkFinite(name, featureNames.get(c), column);
        }
        checkFinite(name, targetName, target);
        if (kind == TaskKind.REGRESSION) {
            if (!classLabels.isEmpty()) {
                throw DataException.of(name, "a regression data set has no class labels: " + classLabels);
            }
        } else {
            checkClassIds(name, targetName, target, classLabels);
        }
    }

    private static void checkNames(String name, List<String> featureNames, int columns) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("data set name must not be blank: '" + name + "'");
        }
        if (columns == 0) {
            throw DataException.of(name, "no feature columns");
        }
        if (featureNames.size() != columns) {
            throw DataException.of(name, featureNames.size() + " feature names for " + columns + " columns");
        }
        Set<String> seen = new HashSet<>();
        for (String featureName : featureNames) {
            if (!seen.add(featureName)) {
                throw DataException.inColumn(name, featureName, "two features have this name");
            }
        }
    }

    private static void checkFinite(String name, String column, double[] values) {
        for (int row = 0; row < values.length; row++) {
            if (!Double.isFinite(values[row])) {
                throw DataException.inColumn(name, column, "row " + row + " (0-based) is not finite: " + values[row]);
            }
        }
    }

    private static void checkClassIds(String name, String targetName, double[] target, List<String> classLabels) {
        int classes = classLabels.size();
        if (classes == 0 || new HashSet<>(classLabels).size() != classes) {
            throw DataException.of(name, "class labels must be present and distinct: " + classLabels);
        }
        for (int row = 0; row < target.length; row++) {
            double id = target[row];
            if (id != Math.rint(id) || id < 0 || id >= classes) {
                throw DataException.inColumn(name, targetName, "row " + row
                        + " (0-based) is not a class id in [0, " + classes + "): " + id);
            }
        }
    }
}
