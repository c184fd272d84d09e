package org.taskneurons.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.taskneurons.data.SharedData;
import org.taskneurons.experiment.SpecReader;
import org.taskneurons.nn.ComputeDevice;
import picocli.CommandLine;

/**
 * The device check (`bench train --part device`, run by experiments/device-check.sh) on this
 * machine: with a small option it measures the CPU side, K trials through the DJL batched path
 * against one at a time, and says plainly when DJL finds no GPU. Its figures are not checked:
 * speed belongs to the benchmark, not to a test.
 */
class DeviceCheckTest {

    @Test
    void measuresTheCpuAndSaysWhetherThereIsAGpu() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine command = Main.commandLine();
        command.setOut(new PrintWriter(out));
        int code = command.execute("bench", "train", "--part", "device", "--data",
                SharedData.file("synthetic-epsilon/epsilon_low_no1.csv").toString(), "--device-trials", "1,3",
                "--device-epochs", "1", "--json");

        assertThat(code).isZero();
        JsonNode check = SpecReader.json().readTree(out.toString()).get("device_check");
        assertThat(check.get("epochs").asInt()).isEqualTo(1);
        JsonNode cpu = check.get("cpu");
        assertThat(cpu.get("device").asText()).isEqualTo("cpu()");
        assertThat(cpu.get("one_at_a_time_trials_per_second").asDouble()).isPositive();
        assertThat(cpu.get("batched")).hasSize(2);
        assertThat(cpu.get("batched").get(1).get("trials").asInt()).isEqualTo(3);
        assertThat(cpu.get("batched").get(1).get("trials_per_second").asDouble()).isPositive();
        if (ComputeDevice.preferred().isGpu()) {
            assertThat(check.get("gpu").get("batched")).hasSize(2);
        } else {
            assertThat(check.get("gpu").asText()).startsWith("none: DJL finds no GPU on this machine");
        }
    }
}
