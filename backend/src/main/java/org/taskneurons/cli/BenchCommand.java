package org.taskneurons.cli;

import picocli.CommandLine.Command;

/** {@code bench}: measurements that print ratios against a reference run in the same process. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks; each prints its figures next to a reference measured in the same run.",
        subcommands = {SearchBenchCommand.class, TrainBenchCommand.class, ClusterBenchCommand.class, CriteriaBenchCommand.class})
final class BenchCommand {
}
