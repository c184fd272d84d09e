package org.taskneurons.data;

import java.util.Comparator;

/**
 * The order of categories and class labels: numbers first by value (so class 10 follows
 * class 9), then text by its characters. A fixed order makes one-hot columns and class ids
 * the same on every run and machine.
 */
final class CategoryOrder implements Comparator<String> {
    static final CategoryOrder INSTANCE = new CategoryOrder();

    private CategoryOrder() {
    }

    @Override
    public int compare(String a, String b) {
        double x = NumberSyntax.parse(a);
        double y = NumberSyntax.parse(b);
        boolean aNumber = !Double.isNaN(x);
        boolean bNumber = !Double.isNaN(y);
        if (aNumber && bNumber) {
            int byValue = Double.compare(x, y);
            return byValue != 0 ? byValue : a.compareTo(b);
        }
        if (aNumber != bNumber) {
            return aNumber ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
