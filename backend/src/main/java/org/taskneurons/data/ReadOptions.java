package org.taskneurons.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.taskneurons.choice.Choice;

/**
 * How to read a tabular file into a {@link Dataset}. Start from {@link #defaults()} and
 * change what differs, e.g. {@code ReadOptions.defaults().withTarget("price")}.
 *
 * <p>Columns are named by their header name, or by their 1-based index ({@code "3"}), or by
 * {@code "first"} / {@code "last"}; a header name wins over an index or a keyword, and a name
 * that matches no column exactly may match one column ignoring case.
 *
 * @param target        the column to predict; {@code "last"} by default
 * @param drop          columns to ignore (e.g. ones that leak the target)
 * @param categorical   columns to encode as categories even where they look numeric; columns
 *                      that are mostly text are categorical anyway
 * @param task          regression or classification, or {@link Task#AUTO} to take a text
 *                      target as classification and a numeric one as regression
 * @param header        whether the first row names the columns, or {@link Header#AUTO}
 * @param delimiter     the field separator, or {@link Delimiter#AUTO}
 * @param encoding      how categorical features become numbers
 * @param missing       what to do with missing values
 * @param missingTokens the cell texts that mean "missing"; compared exactly, after trimming
 * @param charset       the file's character set; undecodable bytes become U+FFFD
 */
public record ReadOptions(
        String target,
        List<String> drop,
        List<String> categorical,
        Task task,
        Header header,
        Delimiter delimiter,
        Encoding encoding,
        Missing missing,
        Set<String> missingTokens,
        Charset charset) {

    /** The cell texts read as missing unless told otherwise. */
    public static final Set<String> DEFAULT_MISSING_TOKENS = Set.of("", "?", "NA", "NaN", "nan", "null");

    /** Whether the target is a number to fit or a class to predict. */
    public enum Task implements Choice {
        AUTO,
        REGRESSION,
        CLASSIFICATION;

        /** The task labelled {@code label} ({@code auto}, {@code regression} or {@code classification}). */
        public static Task of(String label) {
            return Choice.of(Task.class, label);
        }
    }

    /** Whether the first row holds column names. */
    public enum Header implements Choice {
        /** A header when, in some column, the first row's cell is text and the rest numbers, or the reverse. */
        AUTO,
        PRESENT,
        ABSENT;

        /** The header rule labelled {@code label} ({@code auto}, {@code present} or {@code absent}). */
        public static Header of(String label) {
            return Choice.of(Header.class, label);
        }
    }

    /** The field separator. */
    public enum Delimiter implements Choice {
        /** Chosen from the file's first lines: the candidate giving the most lines with one field count above 1. */
        AUTO,
        COMMA,
        TAB,
        SEMICOLON,
        /** Any run of spaces and tabs. */
        WHITESPACE;

        /** The delimiter labelled {@code label} ({@code auto}, {@code comma}, {@code tab}, {@code semicolon}, {@code whitespace}). */
        public static Delimiter of(String label) {
            return Choice.of(Delimiter.class, label);
        }
    }

    /** How a categorical feature with k categories (sorted) becomes numbers. */
    public enum Encoding {
        /** k columns named {@code name=category}, 1 in the row's category and 0 elsewhere. */
        ONE_HOT,
        /** One column holding the category's rank 0..k-1. */
        ORDINAL
    }

    /** What to do with missing cells. Statistics are taken over the whole file, before any split. */
    public enum Missing implements Choice {
        /** Fail, naming the line and column of the first one. */
        REJECT,
        /** Numeric cells get the column mean, categorical ones the most frequent category. */
        MEAN,
        /** Numeric cells get the column median, categorical ones the most frequent category. */
        MEDIAN,
        /** Rows with a missing cell in a used column are left out. */
        DROP_ROWS;

        /** The policy labelled {@code label} ({@code reject}, {@code mean}, {@code median} or {@code drop_rows}). */
        public static Missing of(String label) {
            return Choice.of(Missing.class, label);
        }
    }

    public ReadOptions {
        Objects.requireNonNull(target, "target");
        if (target.isBlank()) {
            throw new IllegalArgumentException("target column must not be blank: '" + target + "'");
        }
        drop = List.copyOf(drop);
        categorical = List.copyOf(categorical);
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(delimiter, "delimiter");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(missing, "missing");
        missingTokens = Set.copyOf(missingTokens);
        Objects.requireNonNull(charset, "charset");
    }

    /** Target last, nothing dropped, everything detected, one-hot, missing values rejected, UTF-8. */
    public static ReadOptions defaults() {
        return new ReadOptions("last", List.of(), List.of(), Task.AUTO, Header.AUTO, Delimiter.AUTO,
                Encoding.ONE_HOT, Missing.REJECT, DEFAULT_MISSING_TOKENS, StandardCharsets.UTF_8);
    }

    public ReadOptions withTarget(String column) {
        return new ReadOptions(column, drop, categorical, task, header, delimiter, encoding, missing, missingTokens, charset);
    }

    public ReadOptions withDrop(String... columns) {
        return new ReadOptions(target, List.of(columns), categorical, task, header, delimiter, encoding, missing,
                missingTokens, charset);
    }

    public ReadOptions withCategorical(String... columns) {
        return new ReadOptions(target, drop, List.of(columns), task, header, delimiter, encoding, missing,
                missingTokens, charset);
    }

    public ReadOptions withTask(Task value) {
        return new ReadOptions(target, drop, categorical, value, header, delimiter, encoding, missing, missingTokens, charset);
    }

    public ReadOptions withHeader(Header value) {
        return new ReadOptions(target, drop, categorical, task, value, delimiter, encoding, missing, missingTokens, charset);
    }

    public ReadOptions withDelimiter(Delimiter value) {
        return new ReadOptions(target, drop, categorical, task, header, value, encoding, missing, missingTokens, charset);
    }

    public ReadOptions withEncoding(Encoding value) {
        return new ReadOptions(target, drop, categorical, task, header, delimiter, value, missing, missingTokens, charset);
    }

    public ReadOptions withMissing(Missing value) {
        return new ReadOptions(target, drop, categorical, task, header, delimiter, encoding, value, missingTokens, charset);
    }

    public ReadOptions withMissingTokens(String... tokens) {
        return new ReadOptions(target, drop, categorical, task, header, delimiter, encoding, missing, Set.of(tokens), charset);
    }

    public ReadOptions withCharset(Charset value) {
        return new ReadOptions(target, drop, categorical, task, header, delimiter, encoding, missing, missingTokens, value);
    }
}
