package org.compliancebot.testkit.synapse;

import org.compliancebot.testkit.internal.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A homeserver of its own, with production rate limits, that the test may stop and start again. */
class DedicatedSynapseTest {

    private static SynapseServer synapse;

    @BeforeAll
    static void startServer() {
        synapse = SynapseServer.startDedicated(SynapseOptions.productionLimits("dedicated"));
    }

    @AfterAll
    static void stopServer() {
        if (synapse != null) {
            synapse.stop();
        }
    }

    @Test
    void stopAndStartKeepPortAndData() {
        RegisteredUser carol = synapse.registerUniqueUser("carol");
        int port = synapse.port();

        synapse.stop();

        assertThat(synapse.isRunning()).isFalse();
        assertThatThrownBy(() -> Http.get(synapse.baseUrl() + "/health")).isInstanceOf(UncheckedIOException.class);

        synapse.start();

        assertThat(synapse.port()).isEqualTo(port);
        assertThat(Http.get(synapse.baseUrl() + "/health").body()).isEqualTo("OK");
        assertThat(Http.call("GET", synapse.baseUrl() + "/_matrix/client/v3/account/whoami", carol.accessToken(), null)
                .expectOk("whoami after restart").json().path("user_id").asText()).isEqualTo(carol.userId());
        assertThat(synapse.login(carol.userId(), carol.password(), null).userId()).isEqualTo(carol.userId());
        assertThat(synapse.logTail(200)).contains("starting Synapse on 127.0.0.1:" + port);
    }

    @Test
    void productionMessageLimitAppliesUnlessOverridden() {
        RegisteredUser human = synapse.registerUniqueUser("human");
        RegisteredUser bot = synapse.registerUniqueUser("bot");
        String roomId = createRoom(human);
        join(bot, roomId);
        synapse.admin().overrideRateLimit(bot.userId(), 0, 0);

        // Burst 20 and 10 messages/s: sending back to back runs out of tokens within a few seconds.
        int humanSent = sendUntilLimited(human, roomId, 200);
        int botSent = sendUntilLimited(bot, roomId, 60);

        assertThat(humanSent).as("messages accepted before the first 429").isBetween(20, 199);
        assertThat(botSent).as("the exempted bot is never limited").isEqualTo(60);
        assertThat(synapse.options().rateLimits()).isEqualTo(RateLimits.PRODUCTION);
    }

    private static String createRoom(RegisteredUser user) {
        return Http.call("POST", synapse.baseUrl() + "/_matrix/client/v3/createRoom", user.accessToken(),
                Map.of("preset", "public_chat")).expectOk("createRoom").json().path("room_id").asText();
    }

    private static void join(RegisteredUser user, String roomId) {
        Http.call("POST", synapse.baseUrl() + "/_matrix/client/v3/join/" + roomId, user.accessToken(), Map.of())
                .expectOk("join");
    }

    /** Sends up to {@code max} messages; returns how many were accepted before the first M_LIMIT_EXCEEDED. */
    private static int sendUntilLimited(RegisteredUser user, String roomId, int max) {
        for (int i = 0; i < max; i++) {
            Http.Reply reply = Http.call("PUT", synapse.baseUrl() + "/_matrix/client/v3/rooms/" + roomId
                    + "/send/m.room.message/t" + i + "-" + System.nanoTime(), user.accessToken(),
                    Map.of("msgtype", "m.text", "body", "message " + i));
            if (reply.status() == 429) {
                assertThat(reply.errcode()).isEqualTo("M_LIMIT_EXCEEDED");
                return i;
            }
            reply.expectOk("send");
        }
        return max;
    }
}
