package org.compliancebot.bot.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The redaction algorithm per room version and the two event hashes (real-server checks are in the acceptance tests). */
class EventHashesTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aRedactedCopyKeepsTheEventIdButNotTheContentHash() {
        SyntheticEvents room = new SyntheticEvents("!r:localhost");
        ObjectNode event = room.text("@alice:localhost", "secret");
        String id = event.get("event_id").asText();
        ObjectNode redacted = EventRedaction.redact(event, SyntheticEvents.VERSION);
        redacted.putObject("unsigned").putObject("redacted_because").put("type", "m.room.redaction");
        assertThat(redacted.path("content").size()).isZero();
        assertThat(EventHashes.eventId(redacted, SyntheticEvents.VERSION)).isEqualTo(id);
        assertThat(EventHashes.contentHash(redacted, SyntheticEvents.VERSION))
                .isNotEqualTo(EventHashes.claimedContentHash(redacted).orElseThrow());
        assertThat(EventHashes.isRedactedForm(redacted, SyntheticEvents.VERSION)).isTrue();
        assertThat(EventHashes.isRedactedForm(event, SyntheticEvents.VERSION)).isFalse();
        // Changed content keeps the id but breaks the content hash; a matching new hash changes the id.
        event.with("content").put("body", "changed");
        assertThat(EventHashes.eventId(event, SyntheticEvents.VERSION)).isEqualTo(id);
        assertThat(EventHashes.contentHash(event, SyntheticEvents.VERSION)).isNotEqualTo(EventHashes.claimedContentHash(event).orElseThrow());
        event.with("hashes").put("sha256", java.util.Base64.getEncoder().withoutPadding()
                .encodeToString(EventHashes.contentHash(event, SyntheticEvents.VERSION)));
        assertThat(EventHashes.eventId(event, SyntheticEvents.VERSION)).as("the id covers the content hash").isNotEqualTo(id);
    }

    @Test
    void versionElevenKeepsTheWholeCreateContentAndRedactsButDropsOrigin() throws Exception {
        ObjectNode create = (ObjectNode) mapper.readTree("""
                {"type":"m.room.create","origin":"x","membership":"join","prev_state":[],"state_key":"",
                 "content":{"creator":"@a:x","room_version":"10","m.federate":false}}""");
        assertThat(EventRedaction.redact(create, "10").get("content").fieldNames()).toIterable().containsExactly("creator");
        assertThat(EventRedaction.redact(create, "10").has("origin")).isTrue();
        ObjectNode v11 = EventRedaction.redact(create, "11");
        assertThat(v11.get("content").size()).isEqualTo(3);
        assertThat(v11.has("origin") || v11.has("membership") || v11.has("prev_state")).isFalse();
        ObjectNode redaction = (ObjectNode) mapper.readTree("{\"type\":\"m.room.redaction\",\"content\":{\"redacts\":\"$x\",\"reason\":\"r\"}}");
        assertThat(EventRedaction.redact(redaction, "11").get("content").toString()).isEqualTo("{\"redacts\":\"$x\"}");
        assertThat(EventRedaction.redact(redaction, "10").get("content").size()).isZero();
        ObjectNode power = (ObjectNode) mapper.readTree("{\"type\":\"m.room.power_levels\",\"content\":{\"invite\":50,\"ban\":50,\"notifications\":{}}}");
        assertThat(EventRedaction.redact(power, "10").get("content").has("invite")).isFalse();
        assertThat(EventRedaction.redact(power, "11").get("content").has("invite")).isTrue();
        assertThat(EventRedaction.redact(power, "11").get("content").has("notifications")).isFalse();
    }

    @Test
    void roomVersionsWithoutHashIdsAreRefused() {
        assertThat(EventRedaction.supports("3")).isFalse();
        assertThatThrownBy(() -> EventRedaction.redact(mapper.createObjectNode(), "1")).isInstanceOf(IllegalArgumentException.class);
    }
}
