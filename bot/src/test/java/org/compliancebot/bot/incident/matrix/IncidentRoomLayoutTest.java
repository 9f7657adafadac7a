package org.compliancebot.bot.incident.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Set;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.NewIncident;
import org.compliancebot.bot.incident.Severity;
import org.compliancebot.bridge.api.CreateRoomRequest;
import org.compliancebot.bridge.id.UserId;
import org.junit.jupiter.api.Test;

class IncidentRoomLayoutTest {
    static final UserId BOT = UserId.of("@bot:example.org");
    static final UserId LEAD = UserId.of("@lead:example.org");
    final ObjectMapper mapper = new ObjectMapper();
    final Incident incident = Incident.recorded(IncidentId.parse("incident-2025-10-02-001"),
            new NewIncident("Leak", Severity.CRITICAL, java.util.List.of("AX-1"), "", java.util.List.of(), "t", null),
            Instant.parse("2025-10-02T09:00:00Z"));

    @Test
    void theCreateRequestCarriesEncryptionRetentionNoFederationAndTheMarker() {
        CreateRoomRequest r = IncidentRoomLayout.createRequest(incident, "incident-2025-10-02-001", BOT, Set.of(LEAD), 315_360_000_000L);
        JsonNode json = mapper.valueToTree(r);
        assertThat(json.path("room_version").asText()).isEqualTo("11");
        assertThat(json.path("preset").asText()).isEqualTo("private_chat");
        assertThat(json.path("room_alias_name").asText()).isEqualTo("incident-2025-10-02-001");
        assertThat(json.path("creation_content").path("m.federate").asBoolean(true)).isFalse();
        assertThat(json.path("creation_content").path(IncidentRoomLayout.MARKER).asText())
                .isEqualTo("incident-2025-10-02-001@1759395600000");
        assertThat(json.path("initial_state").toString()).contains("\"m.megolm.v1.aes-sha2\"").contains("315360000000")
                .contains("\"forbidden\"");
        assertThat(json.path("power_level_content_override").path("users").path(BOT.value()).asInt()).isEqualTo(100);
        assertThat(json.path("topic").asText()).isEqualTo("Severity: CRITICAL (P0) | Violated: AX-1");
        assertThat(IncidentRoomLayout.aliasCandidate(incident, 2)).isEqualTo("incident-2025-10-02-001-2");
    }

    @Test
    void theBotStepsDownToWhatItNeeds() {
        ObjectNode pl = IncidentRoomLayout.securedPowerLevels(BOT, Set.of(LEAD));
        assertThat(IncidentRoomLayout.levelOf(pl, BOT)).isEqualTo(50);
        assertThat(IncidentRoomLayout.levelOf(pl, LEAD)).isEqualTo(100);
        for (String t : new String[] {"m.room.name", "m.room.topic", "m.room.pinned_events", "m.room.power_levels"}) {
            assertThat(pl.path("events").path(t).asInt()).as(t).isEqualTo(50);
        }
        for (String t : new String[] {"m.room.encryption", "m.room.retention", "m.room.join_rules", "m.room.history_visibility"}) {
            assertThat(pl.path("events").path(t).asInt()).as(t).isEqualTo(100);
        }
        assertThat(pl.path("invite").asInt()).isEqualTo(50);
        assertThat(pl.path("kick").asInt()).isEqualTo(100);
        assertThat(IncidentRoomLayout.levelOf(IncidentRoomLayout.securedPowerLevels(BOT, Set.of()), BOT))
                .as("without an owner the bot stays admin").isEqualTo(100);
    }

    @Test
    void archivingStopsPostingBelowTheBotAndKeepsWhatItCannotTouch() {
        ObjectNode pl = IncidentRoomLayout.securedPowerLevels(BOT, Set.of(LEAD));
        ((ObjectNode) pl.get("users")).put("@helper:example.org", 20).put("@mod:example.org", 50);
        ((ObjectNode) pl.get("events")).put("m.reaction", 0);
        IncidentRoomLayout.Archived a = IncidentRoomLayout.archivedPowerLevels(pl, BOT);
        assertThat(a.powerLevels().path("events_default").asInt()).isEqualTo(50);
        assertThat(a.powerLevels().path("events").path("m.reaction").asInt()).isEqualTo(50);
        assertThat(a.powerLevels().path("events").path("m.room.encryption").asInt()).isEqualTo(100);
        assertThat(a.powerLevels().path("users").has("@helper:example.org")).isFalse();
        assertThat(a.powerLevels().path("users").path(LEAD.value()).asInt()).isEqualTo(100);
        assertThat(a.stillPosting()).containsExactlyInAnyOrder(LEAD.value(), "@mod:example.org");
        assertThat(IncidentRoomLayout.archivedName("Incident: x")).isEqualTo("[ARCHIVED] Incident: x");
        assertThat(IncidentRoomLayout.archivedName("[ARCHIVED] Incident: x")).isEqualTo("[ARCHIVED] Incident: x");
    }
}
