package org.taskneurons.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClusterBenchCommandTest {
    @Test
    void countsThatWouldMeasureNothingAreRefusedBeforeAnyNodeStarts() {
        StringWriter err = new StringWriter();
        CommandLine command = Main.commandLine();
        command.setErr(new PrintWriter(err));
        int code = command.execute("bench", "cluster", "--runs", "0");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--runs must be at least 1, got 0");
    }
}
