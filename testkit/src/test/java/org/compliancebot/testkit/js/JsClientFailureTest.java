package org.compliancebot.testkit.js;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Failures of the JS client surface as exceptions that say what went wrong, without a server. */
class JsClientFailureTest {

    @Test
    void commandErrorsTimeoutsAndAnExitedProcessAreReported() {
        JsClient client = JsClient.launch("failing");
        try {
            assertThatThrownBy(() -> client.sendText("!room:localhost", "hello"))
                    .isInstanceOf(JsClientException.class)
                    .hasMessageContaining("sendText failed")
                    .hasMessageContaining("not logged in");

            assertThatThrownBy(() -> client.awaitEvent(e -> true, Duration.ofMillis(300)))
                    .isInstanceOf(JsClientException.class)
                    .hasMessageContaining("saw no matching event");
            assertThat(client.events()).isEmpty();
        } finally {
            client.close();
        }

        assertThatThrownBy(() -> client.setDisplayName("gone"))
                .isInstanceOf(JsClientException.class)
                .hasMessageContaining("is closed");
    }
}
