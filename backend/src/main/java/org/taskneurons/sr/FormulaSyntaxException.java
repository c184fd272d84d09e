package org.taskneurons.sr;

/** A formula or expression text that does not parse; the message names the column and what was expected. */
public final class FormulaSyntaxException extends IllegalArgumentException {
    private final int column;

    FormulaSyntaxException(String text, int column, String problem) {
        super("column " + column + ": " + problem + " in \"" + text + "\"");
        this.column = column;
    }

    /** 1-based position of the offending character; one past the end for a text that ends too early. */
    public int column() {
        return column;
    }
}
