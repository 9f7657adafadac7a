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

    /** SHA-256 over the canonical JSON of the event without unsigned, signatures, hashes (and event_id). */
    public static byte[] contentHash(JsonNode event) {
        ObjectNode copy = ((ObjectNode) event).deepCopy();
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
        ObjectNode redacted = EventRedaction.redact(event, roomVersion);
        redacted.remove("signatures");
        redacted.remove("unsigned");
        redacted.remove("age_ts");
        redacted.remove("event_id");
        return MerkleHashing.sha256(CanonicalJson.encode(redacted));
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
