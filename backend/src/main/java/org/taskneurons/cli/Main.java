package org.taskneurons.cli;

import org.taskneurons.choice.Choice;
import org.taskneurons.data.ReadOptions;
import org.taskneurons.data.Scaling;
import org.taskneurons.nn.HiddenActivation;
import org.taskneurons.nn.OptimizerKind;
import org.taskneurons.nn.TrainingEngine;
import org.taskneurons.sr.Criterion;
import org.taskneurons.sr.Discovery;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code taskneurons.jar}: one subcommand per job. */
@Command(
        name = "taskneurons",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Task-based neurons: vectorized symbolic regression and the experiments built on it.",
        subcommands = {DiscoverCommand.class, TrainCommand.class, CompareCommand.class, PredictCommand.class, RunCommand.class,
                Table6Command.class, ServeCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main())
                .setExecutionExceptionHandler(new UserErrorHandler());
        choice(commandLine, ReadOptions.Task.class);
        choice(commandLine, ReadOptions.Header.class);
        choice(commandLine, ReadOptions.Delimiter.class);
        choice(commandLine, ReadOptions.Missing.class);
        choice(commandLine, Discovery.Method.class);
        choice(commandLine, Criterion.class);
        choice(commandLine, Scaling.class);
        choice(commandLine, OptimizerKind.class);
        choice(commandLine, HiddenActivation.class);
        choice(commandLine, TrainingEngine.class);
        return commandLine.setDefaultValueProvider(new ChoiceDefaults());
    }

    /** Options of {@code type} read and answer by label; registered before parsing, for every subcommand. */
    private static <E extends Enum<E> & Choice> void choice(CommandLine commandLine, Class<E> type) {
        commandLine.registerConverter(type, new ChoiceConverter<>(type));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"taskneurons " + (version == null ? "development build" : version)};
        }
    }
}
