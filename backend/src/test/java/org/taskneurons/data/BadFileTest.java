package org.taskneurons.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.ReadOptions.Missing;
import org.taskneurons.data.ReadOptions.Task;
import org.taskneurons.testing.JavaNames;

/** Files that cannot be used fail with a message naming the file, the line, the column and the reason. */
class BadFileTest {
    private static final ReadOptions DEFAULTS = ReadOptions.defaults();
    private static final long NO_LINE = 0;
    private static final String NO_COLUMN = null;

    @TempDir
    Path folder;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                // case, content, options, line, column, message after "<case>.csv: "
                Arguments.of("empty", "", DEFAULTS, NO_LINE, NO_COLUMN, "the file is empty"),
                Arguments.of("blank", "\n  \r\n\n", DEFAULTS, NO_LINE, NO_COLUMN, "the file is empty"),
                Arguments.of("header-only", "x1,x2,y\n", DEFAULTS, NO_LINE, NO_COLUMN,
                        "the file has a header row but no data rows"),
                Arguments.of("ragged", "a,b,c\n1,2,3\n4,5\n6,7,8\n", DEFAULTS, 3L, NO_COLUMN,
                        "line 3: 2 fields, expected 3"),
                Arguments.of("ragged-crlf", "a,b,c\r\n1,2,3\r\n\r\n4,5,6,7\r\n", DEFAULTS, 4L, NO_COLUMN,
                        "line 4: 4 fields, expected 3"),
                Arguments.of("ragged-after-quoted-newline", "note,x,y\n\"two\nlines\",1,2\n3,4\n", DEFAULTS, 4L,
                        NO_COLUMN, "line 4: 2 fields, expected 3"),
                Arguments.of("unclosed-quote", "x,y\n1,2\n3,\"4\n", DEFAULTS, 3L, NO_COLUMN,
                        "line 3: a quoted field is never closed"),
                Arguments.of("nan", "x,y\n1,2\nNaN,3\n", DEFAULTS, 3L, "x",
                        "line 3, column 'x': missing value ('NaN'); fill or drop missing values with"
                                + " --missing mean|median|drop_rows (in a spec: missing: mean, median or drop_rows)"),
                Arguments.of("infinity", "x,y\n1,2\n2,3\n-Inf,4\n", DEFAULTS, 4L, "x",
                        "line 4, column 'x': '-Inf' is not a finite number"),
                Arguments.of("overflow", "x,y\n1,2\n2,1e999\n", DEFAULTS, 3L, "y",
                        "line 3, column 'y': '1e999' is not a finite number"),
                Arguments.of("missing-feature", "x,z,y\n1,2,3\n4,,6\n7,?,9\n", DEFAULTS, 3L, "z",
                        "line 3, column 'z': missing value (an empty cell)"),
                Arguments.of("missing-earliest", "x,z,y\n1,2,3\n4,5,6\n7,NA,9\nNA,8,9\n", DEFAULTS, 4L, "z",
                        "line 4, column 'z': missing value ('NA')"),
                Arguments.of("missing-target", "x,y\n1,2\n2,?\n3,4\n", DEFAULTS.withMissing(Missing.MEAN), 3L, "y",
                        "line 3, column 'y': missing value ('?'); targets are never imputed: fix the file or drop such"
                                + " rows with --missing drop_rows (in a spec: missing: drop_rows)"),
                Arguments.of("every-row-missing", "x,z,y\n1,NA,3\nNA,4,6\n", DEFAULTS.withMissing(Missing.DROP_ROWS),
                        NO_LINE, NO_COLUMN, "every row has a missing value, so --missing drop_rows (missing: drop_rows)"
                                + " leaves no rows"),
                Arguments.of("all-missing", "x,z,y\n1,NA,3\n4,NA,6\n", DEFAULTS.withMissing(Missing.MEDIAN), NO_LINE,
                        "z", "column 'z': every cell is missing"),
                Arguments.of("unknown-target", "x1,x2,y\n1,2,3\n", DEFAULTS.withTarget("z"), NO_LINE, NO_COLUMN,
                        "unknown target column 'z'; the columns are x1, x2, y (or a 1-based index up to 3, first, last)"),
                Arguments.of("index-out-of-range", "1,2,3\n", DEFAULTS.withTarget("4"), NO_LINE, NO_COLUMN,
                        "unknown target column '4'; the columns are 1, 2, 3"),
                Arguments.of("unknown-drop", "x,y\n1,2\n", DEFAULTS.withDrop("w"), NO_LINE, NO_COLUMN,
                        "unknown dropped column 'w'"),
                Arguments.of("drop-target", "x,w,y\n1,2,3\n", DEFAULTS.withDrop("y"), NO_LINE, "y",
                        "column 'y': it is the target and cannot be dropped"),
                Arguments.of("no-features", "x,y\n1,2\n3,4\n", DEFAULTS.withDrop("x"), NO_LINE, NO_COLUMN,
                        "no feature columns: only the target 'y' is left"),
                Arguments.of("text-in-numbers", "x,y\n1,2\n2,3\n3;5,4\n5,6\n", DEFAULTS, 4L, "x",
                        "line 4, column 'x': '3;5' is not a number, while 3 of the column's 4 filled cells are"),
                Arguments.of("text-in-target", "x,y\n1,2\n2,3\n3,n/a\n", DEFAULTS, 4L, "y",
                        "line 4, column 'y': 'n/a' is not a number"),
                Arguments.of("labels-for-regression", "x,c\n1,a\n2,b\n", DEFAULTS.withTask(Task.REGRESSION), NO_LINE,
                        "c", "column 'c': a regression target must hold numbers, but it holds labels such as 'a' (line 2)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void failsNamingFileLineColumnAndReason(String name, String content, ReadOptions options, long line, String column,
                                            String message) throws IOException {
        Path file = folder.resolve(name + ".csv");
        Files.writeString(file, content);

        DataException error = catchThrowableOfType(DataException.class, () -> Dataset.read(file, options));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).startsWith(name + ".csv: " + message);
        assertThat(error.source()).isEqualTo(name + ".csv");
        assertThat(error.line().orElse(NO_LINE)).isEqualTo(line);
        assertThat(error.column().orElse(NO_COLUMN)).isEqualTo(column);
    }

    /**
     * A file that is not a data set (here a configuration file, one long line, a file of many
     * columns) is refused quoting at most a few header names, each cut short, never a later
     * line; cells quoted from a data set are cut short too, control characters shown as '?'.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("filesThatAreNotDataSets")
    void quotesNoMoreThanAShortenedHeader(String name, String content, ReadOptions options, String message)
            throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, content);

        DataException error = catchThrowableOfType(DataException.class, () -> Dataset.read(file, options));

        assertThat(error.getMessage()).isEqualTo(name + ": " + message).doesNotContain("secret").hasSizeLessThan(800);
    }

    static Stream<Arguments> filesThatAreNotDataSets() {
        String longName = "h".repeat(Excerpt.MAX_CHARS);
        String manyColumns = IntStream.rangeClosed(1, 500).mapToObj(i -> "c" + i).collect(Collectors.joining(","));
        return Stream.of(
                // file, content, options, the whole message after "<file>: "
                Arguments.of("hostname", longName + "-secret\n", DEFAULTS.withTarget("zzz"),
                        "unknown target column 'zzz'; the columns are " + longName + "… (47 characters)"
                                + " (or a 1-based index up to 1, first, last)"),
                Arguments.of("wide.csv", manyColumns + ",secret\n" + "1,".repeat(500) + "secret\n",
                        DEFAULTS.withTarget("zzz"), "unknown target column 'zzz'; the columns are "
                                + "c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, … (501 columns)"
                                + " (or a 1-based index up to 501, first, last)"),
                Arguments.of("long-cell.csv", "x,y\n1,2\n2,3\n" + longName + "secret\u001b[2J,4\n5,6\n", DEFAULTS,
                        "line 4, column 'x': '" + longName + "… (50 characters)' is not a number, while 3 of the"
                                + " column's 4 filled cells are"),
                Arguments.of("control.csv", "x,y\n1,2\n2,3\na\u001b[2J,4\n5,6\n", DEFAULTS,
                        "line 4, column 'x': 'a?[2J' is not a number, while 3 of the column's 4 filled cells are"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void speaksInTheWordsOfTheCommandLineAndTheSpec(String name, String content, ReadOptions options) {
        assertThat(catchThrowableOfType(DataException.class, () -> Dataset.parse(name, content, options)).getMessage())
                .doesNotContainPattern(JavaNames.PATTERN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void isAnIllegalArgument(String name, String content, ReadOptions options) {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> Dataset.parse(name, content, options)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(name + ": ");
    }
}
