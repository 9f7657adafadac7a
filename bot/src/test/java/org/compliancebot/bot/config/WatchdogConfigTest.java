package org.compliancebot.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The watchdog: and http: sections: defaults, and every bad or unknown key named. */
class WatchdogConfigTest {
    private static final String BASE = """
            homeserver: {url: "http://127.0.0.1:8008"}
            bot: {user_id: "@bot:localhost", device_id: BOT}
            database: {url: "jdbc:sqlite:/tmp/x.db"}
            """;
    private static final String SHA = "a".repeat(64);

    private BotConfig parse(String extra) {
        return new ConfigLoader().parse(BASE + extra);
    }

    @Test
    void absentSectionsMeanNoWatchdogAndNoServer() {
        BotConfig c = parse("");
        assertThat(c.watchdog()).isNull();
        assertThat(c.http()).isNull();
    }

    @Test
    void defaultsAreFilledIn() {
        BotConfig c = parse("watchdog: {}\nhttp: {}\n");
        WatchdogConfig w = c.watchdog();
        assertThat(w.dedupWindowMinutes()).isEqualTo(60);
        assertThat(w.escalationMinutes()).isEqualTo(15);
        assertThat(w.defaultLevel()).isEqualTo("warning");
        assertThat(w.pacing().messagesPerSecond()).isEqualTo(0.2);
        assertThat(w.pacing().burst()).isEqualTo(10);
        assertThat(w.selfCheck().intervalMinutes()).isEqualTo(60);
        assertThat(w.selfCheck().approvalPendingMinutes()).isEqualTo(30);
        assertThat(c.http().maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(c.http().bind()).isEqualTo("127.0.0.1");
    }

    @Test
    void unknownAndBadKeysAreNamed() {
        assertThatThrownBy(() -> parse("watchdog: {dedup_windw_minutes: 5}\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("watchdog.dedup_windw_minutes");
        assertThatThrownBy(() -> parse("watchdog: {pacing: {brust: 3}}\n")).hasMessageContaining("watchdog.pacing.brust");
        assertThatThrownBy(() -> parse("watchdog: {escalation_minutes: 0}\n")).hasMessageContaining("watchdog.escalation_minutes");
        assertThatThrownBy(() -> parse("watchdog: {severity_map: {p1: urgent}}\n")).hasMessageContaining("watchdog.severity_map.p1");
        assertThatThrownBy(() -> parse("watchdog: {sources: {prom: {type: nagios, token_sha256: " + SHA + "}}}\n"))
                .hasMessageContaining("watchdog.sources.prom.type");
        assertThatThrownBy(() -> parse("watchdog: {sources: {prom: {type: alertmanager}}}\n"))
                .hasMessageContaining("watchdog.sources.prom").hasMessageContaining("must authenticate");
        assertThatThrownBy(() -> parse("watchdog: {sources: {prom: {type: alertmanager, token_sha256: abc}}}\n"))
                .hasMessageContaining("watchdog.sources.prom.token_sha256");
        assertThatThrownBy(() -> parse("http: {port: 70000}\n")).hasMessageContaining("http.port");
        assertThatThrownBy(() -> parse("http: {tokens: [{name: auditor, sha256: " + SHA + ", scopes: [everything]}]}\n"))
                .hasMessageContaining("http.tokens[0].scopes[0]");
        assertThatThrownBy(() -> parse("http: {tokens: [{name: auditor, sha256: " + SHA + "}]}\n"))
                .hasMessageContaining("http.tokens[0].scopes");
        assertThatThrownBy(() -> parse("http: {tokens: [{name: auditor, token: plain, scopes: [read]}]}\n"))
                .hasMessageContaining("http.tokens[0].token");
    }

    @Test
    void sourcesAndTokensPrintNoSecrets() {
        BotConfig c = parse("watchdog: {sources: {graf: {type: grafana, hmac_secret_env: GRAFANA_SECRET}}}\n"
                + "http: {tokens: [{name: auditor, sha256: " + SHA + ", scopes: [read, \"alerts:write\"]}]}\n");
        assertThat(c.watchdog().sources().get("graf").hmacHeader()).isEqualTo("X-Signature-256");
        assertThat(c.toString()).doesNotContain(SHA);
    }
}
