package org.compliancebot.testkit.synapse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Synapse that does not come up is reported with the end of its log, and not left running. */
class SynapseStartFailureTest {

    private SynapseServer synapse;

    @AfterEach
    void stop() {
        if (synapse != null) {
            synapse.stop();
        }
    }

    @Test
    void timeoutIsReportedWithTheLogTail() {
        synapse = SynapseServer.create(SynapseOptions.productionLimits("failing")
                .withStartTimeout(Duration.ofMillis(1)));

        assertThatThrownBy(synapse::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not answer /health")
                .hasMessageContaining("Last lines of its log")
                .hasMessageContaining("starting Synapse on 127.0.0.1:" + synapse.port());
        assertThat(synapse.isRunning()).isFalse();
    }

    @Test
    void crashIsReportedWithTheLogTail() throws IOException {
        synapse = SynapseServer.create(SynapseOptions.productionLimits("crashing"));
        Files.writeString(synapse.configFile(), "\nrc_message: not-a-mapping\n", StandardOpenOption.APPEND);

        assertThatThrownBy(synapse::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Synapse exited with code")
                .hasMessageContaining("Last lines of its log")
                .hasMessageContaining("rc_message");
        assertThat(synapse.isRunning()).isFalse();
    }
}
