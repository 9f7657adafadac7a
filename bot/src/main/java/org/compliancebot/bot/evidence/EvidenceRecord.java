package org.compliancebot.bot.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One entry of the evidence log. Its canonical JSON ({@link RecordCodec}) is a leaf of the Merkle tree, so
 * once appended nothing in it can change without the change showing.
 *
 * @param seq            the leaf index, assigned on append ({@code -1} before)
 * @param kind           what the record is
 * @param roomId         the room of the event
 * @param eventId        the Matrix event id (for a validation: the id of the command message)
 * @param eventType      the event type on the wire ({@code m.room.encrypted} for encrypted events)
 * @param sender         the event's {@code sender}, set by the server
 * @param senderDevice   the sending device when known (encrypted events), else null
 * @param senderTrust    the cross-signing state of that device when received
 * @param originServerTs the server's timestamp
 * @param receivedTs     when the bot recorded the event (the bot's clock)
 * @param roomVersion    the room version, which decides the redaction algorithm; null when no raw event
 * @param content        the event content as delivered (ciphertext for encrypted events)
 * @param decrypted      for encrypted events the bot could decrypt: {@code {type, content}} of the cleartext; else null
 * @param links          incidents, change requests, controls, commits and the target of an edit or redaction
 * @param rawEvent       the federation-format event with the server's hashes; null when not available
 * @param note           free text: for validations the verdict ({@code validated} or {@code dismissed: reason}); for an
 *                       encrypted event the bot could not decrypt, {@code undecryptable: <why>}; else null
 */
public record EvidenceRecord(long seq, EvidenceKind kind, String roomId, String eventId, String eventType, String sender,
                             String senderDevice, SenderTrust senderTrust, long originServerTs, long receivedTs,
                             String roomVersion, ObjectNode content, ObjectNode decrypted, EvidenceLinks links,
                             ObjectNode rawEvent, String note) {
    public static final int FORMAT = 1;
    /** How the note of an encrypted event without a cleartext begins. */
    public static final String UNDECRYPTABLE = "undecryptable: ";

    public EvidenceRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(sender, "sender");
        senderTrust = senderTrust == null ? SenderTrust.UNKNOWN : senderTrust;
        content = content == null ? JsonNodeFactory.instance.objectNode() : content;
        links = links == null ? EvidenceLinks.none() : links;
    }

    public EvidenceRecord withSeq(long newSeq) {
        return new EvidenceRecord(newSeq, kind, roomId, eventId, eventType, sender, senderDevice, senderTrust,
                originServerTs, receivedTs, roomVersion, content, decrypted, links, rawEvent, note);
    }

    public EvidenceRecord withLinks(EvidenceLinks newLinks) {
        return new EvidenceRecord(seq, kind, roomId, eventId, eventType, sender, senderDevice, senderTrust,
                originServerTs, receivedTs, roomVersion, content, decrypted, newLinks, rawEvent, note);
    }

    /** The key that makes appending idempotent: one record per kind and event. */
    public String dedupKey() {
        return kind.wire() + ":" + eventId;
    }

    public boolean isEncrypted() {
        return "m.room.encrypted".equals(eventType);
    }

    /** True for an encrypted event recorded without its cleartext; {@link #note()} says why. */
    public boolean isUndecryptable() {
        return isEncrypted() && decrypted == null && note != null && note.startsWith(UNDECRYPTABLE);
    }

    /** The readable type: the decrypted type for encrypted events when known. */
    public String effectiveType() {
        return decrypted != null && decrypted.hasNonNull("type") ? decrypted.get("type").asText() : eventType;
    }

    /** The readable content: the decrypted content when known, else the content as delivered. */
    public JsonNode effectiveContent() {
        return decrypted != null && decrypted.has("content") ? decrypted.get("content") : content;
    }

    /** The plain-text body when there is one, else empty. */
    public String body() {
        JsonNode b = effectiveContent().path("body");
        return b.isTextual() ? b.asText() : "";
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("format", FORMAT);
        o.put("seq", seq);
        o.put("kind", kind.wire());
        o.put("room_id", roomId);
        o.put("event_id", eventId);
        o.put("event_type", eventType);
        o.put("sender", sender);
        if (senderDevice != null) {
            o.put("sender_device", senderDevice);
        }
        o.put("sender_trust", senderTrust.wire());
        o.put("origin_server_ts", originServerTs);
        o.put("received_ts", receivedTs);
        if (roomVersion != null) {
            o.put("room_version", roomVersion);
        }
        o.set("content", content);
        if (decrypted != null) {
            o.set("decrypted", decrypted);
        }
        o.set("links", links.toJson());
        if (rawEvent != null) {
            o.set("raw_event", rawEvent);
        }
        if (note != null) {
            o.put("note", note);
        }
        return o;
    }

    /** Reads a record back; throws {@link IllegalArgumentException} naming the first bad field. */
    public static EvidenceRecord fromJson(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("a record is a JSON object");
        }
        if (o.path("format").asInt(-1) != FORMAT) {
            throw new IllegalArgumentException("unknown record format " + o.path("format"));
        }
        try {
            return new EvidenceRecord(require(o, "seq").asLong(), EvidenceKind.fromWire(text(o, "kind")),
                    text(o, "room_id"), text(o, "event_id"), text(o, "event_type"), text(o, "sender"),
                    optText(o, "sender_device"), SenderTrust.fromWire(text(o, "sender_trust")),
                    require(o, "origin_server_ts").asLong(), require(o, "received_ts").asLong(),
                    optText(o, "room_version"), object(o, "content"), optObject(o, "decrypted"),
                    EvidenceLinks.fromJson(o.path("links")), optObject(o, "raw_event"), optText(o, "note"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("bad record: " + e.getMessage(), e);
        }
    }

    private static JsonNode require(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return v;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = require(o, field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is not a string");
        }
        return v.asText();
    }

    private static String optText(JsonNode o, String field) {
        return o.hasNonNull(field) ? text(o, field) : null;
    }

    private static ObjectNode object(JsonNode o, String field) {
        JsonNode v = require(o, field);
        if (!v.isObject()) {
            throw new IllegalArgumentException("field " + field + " is not an object");
        }
        return (ObjectNode) v;
    }

    private static ObjectNode optObject(JsonNode o, String field) {
        return o.hasNonNull(field) ? object(o, field) : null;
    }

    @Override
    public String toString() {
        return "EvidenceRecord[" + seq + " " + kind.wire() + " " + eventId + " in " + roomId + "]";
    }
}
