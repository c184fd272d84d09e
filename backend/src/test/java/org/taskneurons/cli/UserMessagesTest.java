package org.taskneurons.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.testing.JavaNames;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What a user reads when an option or a data file is wrong: the option's own words
 * ({@code --missing mean|median|drop_rows}), never the program's Java names.
 */
class UserMessagesTest {
    @TempDir
    Path folder;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // case, file content, options, what stderr says
                Arguments.of("an empty feature cell", "a,b,y\n1,,3\n2,3,4\n", List.of(),
                        "line 2, column 'b': missing value (an empty cell); fill or drop missing values with"
                                + " --missing mean|median|drop_rows (in a spec: missing: mean, median or drop_rows)"),
                Arguments.of("an empty target cell", "a,y\n1,3\n2,\n", List.of("--missing=mean"),
                        "line 3, column 'y': missing value (an empty cell); targets are never imputed: fix the file or"
                                + " drop such rows with --missing drop_rows (in a spec: missing: drop_rows)"),
                Arguments.of("a bad --missing", "a,y\n1,3\n", List.of("--missing=sometimes"),
                        "Invalid value for option '--missing': 'sometimes' is not one of reject, mean, median, drop_rows"),
                Arguments.of("a bad --header", "a,y\n1,3\n", List.of("--header=maybe"),
                        "Invalid value for option '--header': 'maybe' is not one of auto, present, absent"),
                Arguments.of("a bad --delimiter", "a,y\n1,3\n", List.of("--delimiter=pipe"),
                        "Invalid value for option '--delimiter': 'pipe' is not one of auto, comma, tab, semicolon,"
                                + " whitespace"),
                Arguments.of("an upper-case choice", "a,b,y\n1,,3\n2,3,4\n", List.of("--missing=MEAN", "--task=foo"),
                        "Invalid value for option '--task': 'foo' is not one of auto, regression, classification"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void trainAnswersInTheWordsOfTheCommandLine(String name, String content, List<String> options, String message)
            throws IOException {
        Path file = folder.resolve("houses.csv");
        Files.writeString(file, content);
        List<String> args = new ArrayList<>(List.of("train", "--data=" + file, "--model=ln", "--epochs=1"));
        args.addAll(options);

        DiscoverCommandTest.Run run = DiscoverCommandTest.run(args.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.err().lines().findFirst().orElseThrow()).doesNotContainPattern(JavaNames.PATTERN);
    }

    /** Every option of every command that is a closed choice answers a bad value in lower case. */
    @Test
    void everyChoiceOptionListsItsChoicesInLowerCase() {
        List<String> checked = new ArrayList<>();
        for (CommandLine command : Main.commandLine().getSubcommands().values()) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.type().isEnum()) {
                    String name = command.getCommandName() + " " + option.longestName();
                    DiscoverCommandTest.Run run = DiscoverCommandTest.run(command.getCommandName(),
                            option.longestName() + "=nonsense");
                    String first = run.err().lines().findFirst().orElseThrow();
                    assertThat(first).as(name).contains("'nonsense'").doesNotContainPattern(JavaNames.PATTERN);
                    assertThat(first.substring(first.indexOf("'nonsense'"))).as(name).isLowerCase();
                    checked.add(name);
                }
            }
        }
        assertThat(checked).contains("train --missing", "discover --method", "discover --criterion", "train --optimizer",
                "train --activation", "train --scale", "train --engine", "train --task", "discover --scale");
    }

    /** A closed choice's default is shown (and applied) by its label, whether the option or the spec writes it. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"train, --optimizer, rmsprop", "train, --activation, relu", "train, --scale, minmax", "train, --engine, auto",
        "train, --task, auto", "train, --missing, reject", "compare, --optimizer, rmsprop", "discover, --scale, none",
        "discover, --criterion, bic", "discover, --method, auto"})
    void choiceDefaultsAreShownByLabel(String command, String option, String label) {
        OptionSpec spec = Main.commandLine().getSubcommands().get(command).getCommandSpec().findOption(option);
        assertThat(spec.defaultValueString()).isEqualTo(label);
    }
}
