package org.entrasfo.pushdevice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The command line without a realm: what it says and how it ends when a command is incomplete. */
class PushDeviceCliTest {

    @Test
    void theCommandLineExplainsItselfAndRefusesIncompleteCommands() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PushDeviceCli cli = new PushDeviceCli(new PrintStream(out, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));

        assertThat(cli.run(new String[] {"--help"})).isEqualTo(PushDeviceCli.OK);
        assertThat(cli.run(new String[] {})).isEqualTo(PushDeviceCli.USAGE);
        assertThat(cli.run(new String[] {"approve", "--challenge", "c1"})).isEqualTo(PushDeviceCli.USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: PushDeviceCli").contains("--state FILE is required");
    }
}
