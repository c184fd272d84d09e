package org.taskneurons.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct categories of a column in {@link CategoryOrder}, each with its id (its rank),
 * and the most frequent one (the first in order among equals), which fills missing cells.
 */
final class Categories {
    private final List<String> names;
    private final Map<String, Integer> ids;
    private final int mostFrequent;

    private Categories(List<String> names, Map<String, Integer> ids, int mostFrequent) {
        this.names = names;
        this.ids = ids;
        this.mostFrequent = mostFrequent;
    }

    /** The categories among the filled cells of {@code rows}; none when every cell is missing. */
    static Categories of(ColumnValues column, int[] rows) {
        Map<String, Integer> counts = new HashMap<>();
        for (int row : rows) {
            if (!column.isMissing(row)) {
                counts.merge(column.category(row), 1, Integer::sum);
            }
        }
        List<String> names = new ArrayList<>(counts.keySet());
        names.sort(CategoryOrder.INSTANCE);
        Map<String, Integer> ids = new HashMap<>(names.size() * 2);
        int mostFrequent = 0;
        for (int id = 0; id < names.size(); id++) {
            ids.put(names.get(id), id);
            if (counts.get(names.get(id)) > counts.get(names.get(mostFrequent))) {
                mostFrequent = id;
            }
        }
        return new Categories(List.copyOf(names), ids, mostFrequent);
    }

    List<String> names() {
        return names;
    }

    int size() {
        return names.size();
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** The id of {@code row}'s category, or of the most frequent one when the cell is missing. */
    int id(ColumnValues column, int row) {
        return column.isMissing(row) ? mostFrequent : ids.get(column.category(row));
    }
}
