package org.compliancebot.bot.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Optional;
import org.compliancebot.bridge.crypto.json.CanonicalJson;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/**
 * The two hashes a Matrix server puts on an event (server-server API, "Calculating the content hash" and
 * "Calculating the reference hash"), computed from the federation-format event that {@code /messages}
 * returns with {@code event_format: federation}. The {@code event_id} the client API adds is not part of
 * the event in room versions 3 and later and is removed before hashing.
 */
public final class EventHashes {
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private EventHashes() {}

    /**
     * SHA-256 over the canonical JSON of the event without unsigned, signatures, hashes (and event_id, and the
     * fields a server adds for clients, see {@link #withoutClientAdditions}).
     */
    public static byte[] contentHash(JsonNode event, String roomVersion) {
        ObjectNode copy = withoutClientAdditions(event, roomVersion);
        copy.remove("unsigned");
        copy.remove("signatures");
        copy.remove("hashes");
        copy.remove("event_id");
        copy.remove("age_ts");
        return MerkleHashing.sha256(CanonicalJson.encode(copy));
    }

    /** The {@code hashes.sha256} the origin server put on the event, decoded; empty when absent or not base64. */
    public static Optional<byte[]> claimedContentHash(JsonNode event) {
        JsonNode h = event.path("hashes").path("sha256");
        return h.isTextual() ? UnpaddedBase64.decode(h.asText()) : Optional.empty();
    }

    /** SHA-256 over the canonical JSON of the redacted event without signatures and unsigned. */
    public static byte[] referenceHash(JsonNode event, String roomVersion) {
        ObjectNode redacted = EventRedaction.redact(withoutClientAdditions(event, roomVersion), roomVersion);
        redacted.remove("signatures");
        redacted.remove("unsigned");
        redacted.remove("age_ts");
        redacted.remove("event_id");
        return MerkleHashing.sha256(CanonicalJson.encode(redacted));
    }

    /**
     * What servers add for clients but is not part of the hashed event: the room_id of a version 12 create
     * event (its room id is derived from its event id), and the top-level {@code redacts} of a redaction in
     * version 11 and later (where it moved into the content).
     */
    private static ObjectNode withoutClientAdditions(JsonNode event, String roomVersion) {
        // A shallow copy: callers only remove top-level keys, and redaction builds new nodes.
        ObjectNode copy = ((ObjectNode) event).objectNode();
        copy.setAll((ObjectNode) event);
        if ("m.room.redaction".equals(event.path("type").asText()) && event.path("content").has("redacts")
                && ("11".equals(roomVersion) || "12".equals(roomVersion))) {
            copy.remove("redacts");
        }
        if ("m.room.create".equals(event.path("type").asText()) && event.has("event_id")
                && !event.path("prev_events").elements().hasNext()
                && ("!" + event.path("event_id").asText().substring(1)).equals(event.path("room_id").asText())) {
            copy.remove("room_id");
        }
        return copy;
    }

    /** The event id of room versions 4 and later: {@code $} and the URL-safe unpadded base64 of the reference hash. */
    public static String eventId(JsonNode event, String roomVersion) {
        return "$" + URL_SAFE.encodeToString(referenceHash(event, roomVersion));
    }

    /**
     * True when the event carries only what survives a redaction, so its content hash (over the original
     * content) can no longer be recomputed: the server has redacted it.
     */
    public static boolean isRedactedForm(JsonNode event, String roomVersion) {
        if (event.path("unsigned").has("redacted_because")) {
            return true;
        }
        ObjectNode redacted = EventRedaction.redact(event, roomVersion);
        return redacted.path("content").equals(event.path("content"));
    }
}
