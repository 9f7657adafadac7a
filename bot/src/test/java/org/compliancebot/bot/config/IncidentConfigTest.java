package org.compliancebot.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentConfigTest {
    private static final String BASE = """
            homeserver:
              url: http://127.0.0.1:8008
            bot:
              user_id: "@compliance-bot:example.org"
              device_id: COMPLIANCEBOT
            database:
              url: jdbc:sqlite:data/bot.db
            rooms:
              security_team: "#security-team:example.org"
            """;

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void defaultsFollowTheRunbook() {
        IncidentConfig c = loader.parse(BASE).incident();
        assertThat(c.retentionDays()).isEqualTo(3650);
        assertThat(c.retentionMillis()).isEqualTo(315_360_000_000L);
        assertThat(c.responseTargetMinutes()).isEqualTo(30);
        assertThat(c.commandRooms()).containsExactly("security_team");
        assertThat(c.invites().get("critical")).containsExactly("security_lead", "human_overseer", "cto", "legal_counsel");
        assertThat(c.invites().get("high")).containsExactly("security_lead", "compliance_manager");
        assertThat(c.invites().get("low")).containsExactly("security_lead");
    }

    @Test
    void settingsAreReadAndBadOnesNamed() {
        IncidentConfig c = loader.parse(BASE + """
                incident:
                  retention_days: 400
                  command_rooms: ["!abc:example.org", "#sec:example.org", security_team]
                  invites:
                    medium: [security_lead, compliance_manager]
                """).incident();
        assertThat(c.retentionDays()).isEqualTo(400);
        assertThat(c.commandRooms()).containsExactly("!abc:example.org", "#sec:example.org", "security_team");
        assertThat(c.invites().get("medium")).isEqualTo(List.of("security_lead", "compliance_manager"));
        assertThat(c.invites().get("critical")).hasSize(4);

        assertThatThrownBy(() -> loader.parse(BASE + "incident:\n  retention_days: 0\n")).hasMessageContaining("incident.retention_days");
        assertThatThrownBy(() -> loader.parse(BASE + "incident:\n  retension_days: 10\n")).hasMessageContaining("incident.retension_days");
        assertThatThrownBy(() -> loader.parse(BASE + "incident:\n  invites:\n    urgent: [cto]\n"))
                .hasMessageContaining("incident.invites.urgent");
        assertThatThrownBy(() -> loader.parse(BASE + "incident:\n  invites:\n    high: [cto, boss]\n"))
                .hasMessageContaining("incident.invites.high[1]").hasMessageContaining("'boss'");
        assertThatThrownBy(() -> loader.parse(BASE + "incident:\n  command_rooms: [audit]\n"))
                .hasMessageContaining("incident.command_rooms[0]").hasMessageContaining("no alias under rooms");
        assertThatThrownBy(() -> loader.parse(BASE + "incident:\n  command_rooms: [lobby]\n"))
                .hasMessageContaining("incident.command_rooms[0]");
    }
}
