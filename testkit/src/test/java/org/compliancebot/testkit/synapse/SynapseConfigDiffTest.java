package org.compliancebot.testkit.synapse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test homeserver differs from production only where it must. */
class SynapseConfigDiffTest {

    /** Kept here on purpose, next to the generator's list: a change to either must be deliberate. */
    private static final Set<String> ALLOWED = Set.of(
            "server_name", "public_baseurl", "listeners", "database", "pid_file", "log_config", "media_store_path",
            "signing_key_path", "registration_shared_secret_path", "macaroon_secret_key_path", "form_secret_path",
            "bcrypt_rounds",
            "rc_message", "rc_registration", "rc_login", "rc_joins", "rc_joins_per_room", "rc_invites",
            "rc_room_creation", "rc_key_requests", "rc_presence", "rc_profile");

    /** Settings the compliance case rests on; they must be identical in tests and production. */
    private static final List<String> SECURITY_KEYS = List.of(
            "encryption_enabled_by_default_for_room_type", "retention", "federation_domain_whitelist",
            "trusted_key_servers", "enable_registration", "enable_registration_without_verification",
            "allow_guest_access", "media_retention", "max_upload_size", "report_stats", "suppress_key_server_warning",
            "allow_public_rooms_over_federation");

    private final SynapseConfigGenerator generator = SynapseConfigGenerator.fromRepository();
    private final SynapseConfigGenerator.RunValues run =
            new SynapseConfigGenerator.RunValues(Path.of("/tmp/run-x"), 41234, "localhost");

    @Test
    void testVariantDiffersFromProductionOnlyInAllowedKeys() {
        ObjectNode production = generator.production();
        ObjectNode test = generator.generate(run, RateLimits.LIFTED);

        Set<String> changed = SynapseConfigGenerator.changedTopLevelKeys(production, test);

        assertThat(SynapseConfigGenerator.ALLOWED_TEST_DIFFERENCES).isEqualTo(ALLOWED);
        assertThat(changed).isSubsetOf(ALLOWED).contains("database", "listeners", "rc_message");
        for (String key : SECURITY_KEYS) {
            assertThat(production.has(key)).as("production sets %s", key).isTrue();
            assertThat(test.get(key)).as(key).isEqualTo(production.get(key));
        }
    }

    @Test
    void productionCarriesTheSecuritySettingsOfThePlan() {
        ObjectNode production = generator.production();

        assertThat(production.get("encryption_enabled_by_default_for_room_type").asText()).isEqualTo("all");
        assertThat(production.at("/retention/enabled").asBoolean()).isTrue();
        assertThat(production.at("/retention/default_policy/max_lifetime").asText()).isEqualTo("3650d");
        assertThat(production.get("federation_domain_whitelist").isArray()).isTrue();
        assertThat(production.get("federation_domain_whitelist")).isEmpty();
        assertThat(production.get("trusted_key_servers")).isEmpty();
        assertThat(production.get("enable_registration").asBoolean()).isFalse();
        assertThat(production.get("report_stats").asBoolean()).isFalse();
        assertThat(production.at("/media_retention/local_media_lifetime").asText()).isEqualTo("3650d");
        assertThat(production.at("/rc_message/per_second").asDouble()).isEqualTo(10.0);
        List<String> resources = new ArrayList<>();
        for (JsonNode listener : production.get("listeners")) {
            listener.path("resources").forEach(r -> r.path("names").forEach(n -> resources.add(n.asText())));
        }
        assertThat(resources).containsExactly("client");
    }

    @Test
    void productionHasNoInlineSecrets() {
        ObjectNode production = generator.production();

        assertThat(production.has("registration_shared_secret")).isFalse();
        assertThat(production.has("macaroon_secret_key")).isFalse();
        assertThat(production.has("form_secret")).isFalse();
        assertThat(production.has("signing_key")).isFalse();
        assertThat(production.at("/database/args").has("password")).isFalse();
        assertThat(production.get("registration_shared_secret_path").asText()).startsWith("/secrets/");
    }

    @Test
    void placeholdersAreFilledWithTypedValues() {
        ObjectNode test = generator.generate(run, RateLimits.LIFTED);

        JsonNode listener = test.get("listeners").get(0);
        assertThat(listener.get("port").isInt()).isTrue();
        assertThat(listener.get("port").asInt()).isEqualTo(41234);
        assertThat(listener.get("bind_addresses")).hasSize(1);
        assertThat(listener.get("bind_addresses").get(0).asText()).isEqualTo("127.0.0.1");
        assertThat(listener.get("x_forwarded").asBoolean()).isFalse();
        assertThat(test.get("server_name").asText()).isEqualTo("localhost");
        assertThat(test.get("public_baseurl").asText()).isEqualTo("http://127.0.0.1:41234/");
        assertThat(test.at("/database/name").asText()).isEqualTo("sqlite3");
        assertThat(test.at("/database/args/database").asText()).isEqualTo("/tmp/run-x/homeserver.db");
        assertThat(test.at("/database/args").has("host")).as("no PostgreSQL arg leaks into sqlite").isFalse();
        assertThat(test.toString()).doesNotContain("${");
    }

    @Test
    void rateLimitChoices() {
        ObjectNode production = generator.production();

        ObjectNode lifted = generator.generate(run, RateLimits.LIFTED);
        ObjectNode kept = generator.generate(run, RateLimits.PRODUCTION);
        ObjectNode defaults = generator.generate(run, RateLimits.SYNAPSE_DEFAULTS);

        assertThat(lifted.at("/rc_message/per_second").asDouble()).isGreaterThanOrEqualTo(1000);
        assertThat(rateLimitKeys(kept)).isEqualTo(rateLimitKeys(production));
        for (String key : rateLimitKeys(production)) {
            assertThat(kept.get(key)).as(key).isEqualTo(production.get(key));
        }
        assertThat(rateLimitKeys(defaults)).isEmpty();
    }

    @Test
    void overlayTouchingASecuritySettingIsRejected(@TempDir Path dir) throws IOException {
        Files.copy(generator.configDir().resolve("homeserver.yaml"), dir.resolve("homeserver.yaml"));
        Files.writeString(dir.resolve("test-overlay.yaml"),
                Files.readString(generator.configDir().resolve("test-overlay.yaml"))
                        + "\nenable_registration: true\n");

        assertThatThrownBy(() -> new SynapseConfigGenerator(dir).generate(run, RateLimits.LIFTED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("enable_registration");
    }

    @Test
    void writtenYamlReadsBackUnchanged(@TempDir Path dir) {
        ObjectNode test = generator.generate(run, RateLimits.LIFTED);
        Path file = dir.resolve("homeserver.yaml");

        SynapseConfigGenerator.write(test, file);

        assertThat(SynapseConfigGenerator.read(file)).isEqualTo(test);
    }

    private static Set<String> rateLimitKeys(ObjectNode config) {
        Set<String> keys = new TreeSet<>();
        config.fieldNames().forEachRemaining(k -> {
            if (k.startsWith("rc_")) {
                keys.add(k);
            }
        });
        return keys;
    }
}
