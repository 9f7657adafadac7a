package org.compliancebot.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.compliancebot.bot.app.wiring.ApiIdentities;
import org.compliancebot.bot.http.service.ApiException;
import org.compliancebot.bridge.id.UserId;
import org.junit.jupiter.api.Test;

/** {@code http.tokens[].user_id}: the local Matrix user an API token acts for. */
class ApiTokenUserConfigTest {
    private static final String BASE = """
            homeserver: {url: "http://127.0.0.1:8008"}
            bot: {user_id: "@bot:example.org", device_id: BOT}
            database: {url: "jdbc:sqlite:/tmp/x.db"}
            """;
    private static final String SHA = "b".repeat(64);

    private BotConfig parse(String tokens) {
        return new ConfigLoader().parse(BASE + "http:\n  tokens:\n" + tokens);
    }

    @Test
    void aTokenActsForItsLocalUserAndATokenWithoutOneForNobody() {
        BotConfig c = parse("    - {name: pipeline, sha256: " + SHA + ", scopes: [write], user_id: \"@lee:example.org\"}\n"
                + "    - {name: auditor, sha256: " + "c".repeat(64) + ", scopes: [read]}\n");
        assertThat(c.http().tokens().get(0).userId()).isEqualTo("@lee:example.org");
        assertThat(c.http().tokens().get(1).userId()).isNull();
        assertThat(c.http().tokens().get(0).toString()).contains("@lee:example.org").doesNotContain(SHA);

        ApiIdentities ids = new ApiIdentities(c.http());
        assertThat(ids.userOf("api:pipeline")).contains(UserId.of("@lee:example.org"));
        assertThat(ids.recordedAs("api:pipeline")).isEqualTo("@lee:example.org");
        assertThat(ids.recordedAs("api:auditor")).isEqualTo("api:auditor");
        assertThatThrownBy(() -> ids.require("api:auditor", "submit a change request"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("'auditor'").contains("submit a change request").contains("user_id");
                });
    }

    @Test
    void aUserOfAnotherServerOrAMalformedIdIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> parse("    - {name: x, sha256: " + SHA + ", scopes: [write], user_id: \"@lee:evil.org\"}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.tokens[0].user_id").hasMessageContaining("local server");
        assertThatThrownBy(() -> parse("    - {name: x, sha256: " + SHA + ", scopes: [write], user_id: \"lee\"}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.tokens[0].user_id");
    }
}
