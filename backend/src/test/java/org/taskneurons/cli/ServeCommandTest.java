package org.taskneurons.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code serve} on the command line; the node it starts is tested through {@code org.taskneurons.server.Server}. */
class ServeCommandTest {

    @Test
    void theCommandLineReportsABadSettingAsAUserError() {
        DiscoverCommandTest.Run run = DiscoverCommandTest.run("serve", "--port", "x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--port: not a whole number: 'x'");
        DiscoverCommandTest.Run bus = DiscoverCommandTest.run("serve", "--bus-port", "x");
        assertThat(bus.exitCode()).isEqualTo(2);
        assertThat(bus.err()).contains("--bus-port: not a whole number: 'x'");
    }
}
