package org.taskneurons.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.ReadOptions.Delimiter;
import org.taskneurons.data.ReadOptions.Header;

/** Delimiters, headers, quotes and line endings as users' files have them. */
class TextFormatTest {
    private static final ReadOptions DEFAULTS = ReadOptions.defaults();

    static Stream<Arguments> texts() {
        return Stream.of(
                // case, text, options, feature names, target name, target values
                Arguments.of("comma with header", "a,b,y\n1,2,3\n4,5,6\n", DEFAULTS,
                        List.of("a", "b"), "y", new double[] {3, 6}),
                Arguments.of("no header: columns numbered", "1,2,3\n4,5,6\n", DEFAULTS,
                        List.of("1", "2"), "3", new double[] {3, 6}),
                Arguments.of("numeric header given", "10,20,30\n1,2,3\n", DEFAULTS.withHeader(Header.PRESENT),
                        List.of("10", "20"), "30", new double[] {3}),
                Arguments.of("text first row declared data", "a,b,7\nc,d,8\n", DEFAULTS.withHeader(Header.ABSENT),
                        List.of("1=a", "1=c", "2=b", "2=d"), "3", new double[] {7, 8}),
                Arguments.of("tab separated", "a\tb\ty\n1\t2\t3\n4\t5\t6\n", DEFAULTS,
                        List.of("a", "b"), "y", new double[] {3, 6}),
                Arguments.of("whitespace separated, ragged spacing", "  1   2 3\n4 5\t 6  \n", DEFAULTS,
                        List.of("1", "2"), "3", new double[] {3, 6}),
                Arguments.of("semicolon separated", "a;b;y\n1;2;3\n", DEFAULTS,
                        List.of("a", "b"), "y", new double[] {3}),
                Arguments.of("delimiter given", "a|b y\n1 2\n", DEFAULTS.withDelimiter(Delimiter.WHITESPACE),
                        List.of("a|b"), "y", new double[] {2}),
                Arguments.of("spaces around fields trimmed", " a , b ,y \n 1 , 2 , 3\n", DEFAULTS,
                        List.of("a", "b"), "y", new double[] {3}),
                Arguments.of("quoted fields with commas and quotes",
                        "name,x,y\n\"Smith, J\",1,2\n\"Doe, \"\"JD\"\"\",3,4\n\"Smith, J\",5,6\n", DEFAULTS,
                        List.of("name=Doe, \"JD\"", "name=Smith, J", "x"), "y", new double[] {2, 4, 6}),
                Arguments.of("quoted numbers and names", "\"target\",\" Lat\"\n\"1.5\",\"2\"\n", DEFAULTS.withTarget("target"),
                        List.of("Lat"), "target", new double[] {1.5}),
                Arguments.of("quoted field over two lines", "note,x,y\n\"two\nlines\",1,2\nplain,3,4\n", DEFAULTS,
                        List.of("note=plain", "note=two\nlines", "x"), "y", new double[] {2, 4}),
                Arguments.of("CRLF and blank lines", "a,y\r\n1,2\r\n\r\n   \r\n3,4\r\n", DEFAULTS,
                        List.of("a"), "y", new double[] {2, 4}),
                Arguments.of("old Mac line ends", "a,y\r1,2\r3,4", DEFAULTS,
                        List.of("a"), "y", new double[] {2, 4}),
                Arguments.of("byte-order mark", "\uFEFFa,y\n1,2\n", DEFAULTS,
                        List.of("a"), "y", new double[] {2}),
                Arguments.of("numbers in every notation", "x,y\n-1.5e3,+2\n.5,1E-2\n7.,-0\n", DEFAULTS,
                        List.of("x"), "y", new double[] {2, 0.01, -0.0}),
                Arguments.of("numeric header over class labels", "1,2,3\n5,6,van\n7,8,bus\n", DEFAULTS,
                        List.of("1", "2"), "3", new double[] {1, 0}),
                Arguments.of("header with missing cells below", "a,b,y\n1,NA,3\n?,5,6\n",
                        DEFAULTS.withMissing(ReadOptions.Missing.MEAN),
                        List.of("a", "b"), "y", new double[] {3, 6}),
                Arguments.of("repeated and blank header names", "a,a,,y\n1,2,3,4\n", DEFAULTS,
                        List.of("a", "a.1", "3"), "y", new double[] {4}),
                Arguments.of("single data row", "1,2\n", DEFAULTS, List.of("1"), "2", new double[] {2}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void reads(String description, String text, ReadOptions options, List<String> features, String targetName,
               double[] target) {
        Dataset data = Dataset.parse("text", text, options);

        assertThat(data.featureNames()).isEqualTo(features);
        assertThat(data.targetName()).isEqualTo(targetName);
        assertThat(data.target()).containsExactly(target);
    }

    @Test
    void aQuotedHeaderNameKeepsItsSpacesInsideTheData() {
        Dataset data = Dataset.parse("text", "c,y\n\" x\",1\n\"x\",2\n", DEFAULTS);

        assertThat(data.featureNames()).containsExactly("c= x", "c=x");
    }

    @Test
    void theFilesCharsetIsHonoured(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("latin1.csv");
        Files.write(file, "ville,y\nZürich,1\nGenève,2\n".getBytes(StandardCharsets.ISO_8859_1));

        Dataset data = Dataset.read(file, DEFAULTS.withCharset(StandardCharsets.ISO_8859_1));

        assertThat(data.featureNames()).containsExactly("ville=Genève", "ville=Zürich");
        assertThat(data.name()).isEqualTo("latin1");
    }

    @Test
    void aLargeFileIsDetectedFromItsFirstLines() {
        StringBuilder text = new StringBuilder("a\tb\ty\n");
        for (int row = 0; row < 20_000; row++) {
            text.append(row).append('\t').append(row % 7).append('\t').append(row * 0.5).append('\n');
        }

        Dataset data = Dataset.parse("large", text.toString(), DEFAULTS);

        assertThat(data.rows()).isEqualTo(20_000);
        assertThat(data.column("b")[13]).isEqualTo(6);
        assertThat(data.target()[19_999]).isEqualTo(9_999.5);
    }
}
