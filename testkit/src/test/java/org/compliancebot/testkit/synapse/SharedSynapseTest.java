package org.compliancebot.testkit.synapse;

import com.fasterxml.jackson.databind.JsonNode;
import org.compliancebot.testkit.internal.Http;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared test homeserver runs with the production security settings. */
@ExtendWith(SynapseExtension.class)
class SharedSynapseTest {

    @Test
    void healthAnswersOk(SynapseServer synapse) {
        Http.Reply health = Http.get(synapse.baseUrl() + "/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("OK");
        assertThat(synapse.isRunning()).isTrue();
        assertThat(synapse.baseUrl()).startsWith("http://127.0.0.1:");
    }

    @Test
    void registeredUserCanUseItsSessionAndLogInAgain(SynapseServer synapse) {
        String localpart = SynapseServer.uniqueLocalpart("alice");

        RegisteredUser alice = synapse.registerUser(localpart, "correct horse", false);

        assertThat(alice.userId()).isEqualTo("@" + localpart + ":" + synapse.serverName());
        assertThat(alice.toString()).doesNotContain("correct horse").doesNotContain(alice.accessToken());
        JsonNode whoami = Http.call("GET", synapse.baseUrl() + "/_matrix/client/v3/account/whoami",
                alice.accessToken(), null).expectOk("whoami").json();
        assertThat(whoami.path("user_id").asText()).isEqualTo(alice.userId());
        RegisteredUser again = synapse.login(alice.userId(), "correct horse", "SECONDDEVICE");
        assertThat(again.deviceId()).isEqualTo("SECONDDEVICE");
        assertThatThrownBy(() -> synapse.login(alice.userId(), "wrong", null))
                .hasMessageContaining("403");
    }

    @Test
    void uniqueLocalpartsDiffer() {
        assertThat(SynapseServer.uniqueLocalpart("Bob")).startsWith("bob-")
                .isNotEqualTo(SynapseServer.uniqueLocalpart("Bob"));
    }

    @Test
    void openRegistrationIsRefused(SynapseServer synapse) {
        Http.Reply reply = Http.call("POST", synapse.baseUrl() + "/_matrix/client/v3/register", null, Map.of(
                "username", SynapseServer.uniqueLocalpart("intruder"),
                "password", "whatever-123",
                "auth", Map.of("type", "m.login.dummy")));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.errcode()).isEqualTo("M_FORBIDDEN");
    }

    @Test
    void registrationWithAWrongSharedSecretIsRefused(SynapseServer synapse) {
        assertThatThrownBy(() -> SharedSecretRegistration.register(synapse.baseUrl(), "not-the-secret",
                SynapseServer.uniqueLocalpart("forger"), "pw-123456", true))
                .hasMessageContaining("HTTP 403");
    }

    @Test
    void roomsAreEncryptedByDefault(SynapseServer synapse) {
        RegisteredUser alice = synapse.registerUniqueUser("alice");
        JsonNode created = Http.call("POST", synapse.baseUrl() + "/_matrix/client/v3/createRoom", alice.accessToken(),
                Map.of("name", "no encryption asked", "preset", "public_chat")).expectOk("createRoom").json();
        String roomId = created.path("room_id").asText();

        JsonNode encryption = synapse.admin().roomStateEvent(roomId, "m.room.encryption", "");

        assertThat(encryption).isNotNull();
        assertThat(encryption.path("algorithm").asText()).isEqualTo("m.megolm.v1.aes-sha2");
        assertThat(synapse.admin().roomDetails(roomId).path("encryption").asText()).isEqualTo("m.megolm.v1.aes-sha2");
    }

    @Test
    void federationIsClosed(SynapseServer synapse) {
        // No federation resource is mounted, so other servers cannot reach us ...
        assertThat(Http.get(synapse.baseUrl() + "/_matrix/federation/v1/version").status()).isEqualTo(404);
        assertThat(Http.get(synapse.baseUrl() + "/_matrix/key/v2/server").status()).isEqualTo(404);
        // ... and the empty whitelist forbids reaching out to any other server.
        RegisteredUser alice = synapse.registerUniqueUser("alice");
        String roomId = Http.call("POST", synapse.baseUrl() + "/_matrix/client/v3/createRoom", alice.accessToken(),
                Map.of("preset", "private_chat")).expectOk("createRoom").json().path("room_id").asText();

        Http.Reply invite = Http.call("POST", synapse.baseUrl() + "/_matrix/client/v3/rooms/" + roomId + "/invite",
                alice.accessToken(), Map.of("user_id", "@mallory:elsewhere.example"));

        assertThat(invite.status()).isEqualTo(403);
        assertThat(invite.body()).containsIgnoringCase("federation");
        assertThat(synapse.effectiveConfig().get("federation_domain_whitelist")).isEmpty();
    }

    /**
     * Synapse has no API that reports its retention settings, so this reads the configuration the running
     * instance was started with (the file generated from the shipped homeserver.yaml): retention is enabled
     * with the ten-year policy, and media is kept as long.
     */
    @Test
    void retentionPolicyIsInEffect(SynapseServer synapse) {
        assertThat(Http.get(synapse.baseUrl() + "/health").status()).isEqualTo(200);
        JsonNode retention = synapse.effectiveConfig().path("retention");
        assertThat(retention.path("enabled").asBoolean(false)).isTrue();
        assertThat(retention.at("/default_policy/max_lifetime").asText()).isEqualTo("3650d");
        assertThat(retention.path("allowed_lifetime_max").asText()).isEqualTo("3650d");
        assertThat(synapse.effectiveConfig().at("/media_retention/local_media_lifetime").asText()).isEqualTo("3650d");
    }

    @Test
    void rateLimitOverrideRoundTrip(SynapseServer synapse) {
        RegisteredUser bot = synapse.registerUniqueUser("bot");

        synapse.admin().overrideRateLimit(bot.userId(), 0, 0);

        JsonNode override = synapse.admin().rateLimitOverride(bot.userId());
        assertThat(override.path("messages_per_second").asInt(-1)).isZero();
        assertThat(override.path("burst_count").asInt(-1)).isZero();
        synapse.admin().removeRateLimitOverride(bot.userId());
        assertThat(synapse.admin().rateLimitOverride(bot.userId()).has("messages_per_second")).isFalse();
    }

    @Test
    void sharedInstanceHasLiftedLimits(SynapseServer synapse) {
        assertThat(synapse.options().rateLimits()).isEqualTo(RateLimits.LIFTED);
        assertThat(synapse.effectiveConfig().at("/rc_message/per_second").asDouble()).isGreaterThanOrEqualTo(1000);
        List<String> keys = List.of("database", "listeners");
        for (String key : keys) {
            assertThat(synapse.effectiveConfig().has(key)).isTrue();
        }
    }
}
