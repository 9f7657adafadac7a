package org.compliancebot.bot.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Turns a federation-format event into a record: its kind (edits, redactions and state are kinds of their
 * own), the link to the event an edit or redaction changes, and the controls and artefacts its text
 * mentions. The record keeps the raw event so its hashes can be checked later.
 */
public final class EventRecords {
    private EventRecords() {}

    /**
     * @param raw         the event as {@code /messages} returned it with {@code event_format: federation}
     * @param roomId      the room it was read from (a v12 {@code m.room.create} event carries no room id)
     * @param roomVersion from the room's {@code m.room.create}
     * @param cleartext   the decryption of an encrypted event, if the bot could decrypt it
     * @param base        links every record of this extraction gets (an incident, a CR), may be {@link EvidenceLinks#none()}
     */
    public static EvidenceRecord fromRawEvent(ObjectNode raw, String roomId, String roomVersion, long receivedTs,
                                              Optional<EventDecryptor.Cleartext> cleartext, EvidenceLinks base) {
        return fromRawEvent(raw, roomId, roomVersion, receivedTs, cleartext, null, base);
    }

    /**
     * As {@link #fromRawEvent(ObjectNode, String, String, long, Optional, EvidenceLinks)} with the outcome of a
     * decryption: an encrypted event that did not decrypt keeps its ciphertext and gets the note
     * {@code undecryptable: <why>}.
     */
    public static EvidenceRecord fromRawEvent(ObjectNode raw, String roomId, String roomVersion, long receivedTs,
                                              EventDecryptor.Result decryption, EvidenceLinks base) {
        String note = decryption instanceof EventDecryptor.Result.Failed f && "m.room.encrypted".equals(raw.path("type").asText())
                ? EvidenceRecord.UNDECRYPTABLE + f.reason() : null;
        return fromRawEvent(raw, roomId, roomVersion, receivedTs, decryption.decrypted(), note, base);
    }

    private static EvidenceRecord fromRawEvent(ObjectNode raw, String roomId, String roomVersion, long receivedTs,
                                               Optional<EventDecryptor.Cleartext> cleartext, String note, EvidenceLinks base) {
        ObjectNode stored = raw.deepCopy();
        if (stored.path("unsigned").isObject()) {
            // age changes with every read; it is outside every hash.
            ((ObjectNode) stored.get("unsigned")).remove("age");
        }
        String eventId = eventId(raw, roomVersion);
        String type = raw.path("type").asText();
        ObjectNode content = raw.path("content").isObject() ? ((ObjectNode) raw.get("content")).deepCopy() : null;
        ObjectNode decrypted = cleartext.map(c -> c.payload().deepCopy()).orElse(null);
        if (decrypted != null) {
            decrypted.remove("room_id");
            decrypted.remove("keys");
            decrypted.remove("sender");
            decrypted.remove("recipient");
            decrypted.remove("recipient_keys");
        }
        JsonNode readable = decrypted != null ? decrypted.path("content") : raw.path("content");
        String readableType = decrypted != null ? decrypted.path("type").asText() : type;
        EvidenceKind kind;
        String target = null;
        if ("m.room.redaction".equals(readableType)) {
            kind = EvidenceKind.REDACTION;
            target = raw.path("content").path("redacts").isTextual() ? raw.path("content").path("redacts").asText()
                    : raw.path("redacts").asText(null);
        } else if (raw.has("state_key")) {
            kind = EvidenceKind.STATE;
        } else if ("m.replace".equals(relation(readable, raw.path("content")).orElse(""))) {
            kind = EvidenceKind.EDIT;
            target = relatedEvent(readable, raw.path("content")).orElse(null);
        } else {
            kind = EvidenceKind.MESSAGE;
        }
        String text = readable.path("body").asText("");
        if (kind == EvidenceKind.EDIT && readable.path("m.new_content").path("body").isTextual()) {
            text = readable.path("m.new_content").path("body").asText();
        }
        Mentions m = MentionDetector.detect(text);
        EvidenceLinks links = new EvidenceLinks(concat(base.incidents(), m.incidents()),
                concat(base.changeRequests(), m.changeRequests()), concat(base.controls(), m.controls()),
                concat(base.commits(), m.commits()), target);
        return new EvidenceRecord(-1, kind, roomId, eventId, type, raw.path("sender").asText(),
                cleartext.map(EventDecryptor.Cleartext::senderDevice).orElse(null),
                cleartext.map(EventDecryptor.Cleartext::trust).orElse(SenderTrust.UNKNOWN),
                raw.path("origin_server_ts").asLong(), receivedTs, roomVersion, content, decrypted, links, stored, note);
    }

    /** The event id: the one the event carries, else its reference hash (the federation format has none). */
    public static String eventId(ObjectNode raw, String roomVersion) {
        return raw.hasNonNull("event_id") ? raw.get("event_id").asText() : EventHashes.eventId(raw, roomVersion);
    }

    /** The relation is in the clear part of an encrypted event's content, and in the content of a plain one. */
    private static Optional<String> relation(JsonNode readable, JsonNode wire) {
        JsonNode r = readable.path("m.relates_to").path("rel_type");
        if (!r.isTextual()) {
            r = wire.path("m.relates_to").path("rel_type");
        }
        return r.isTextual() ? Optional.of(r.asText()) : Optional.empty();
    }

    private static Optional<String> relatedEvent(JsonNode readable, JsonNode wire) {
        JsonNode r = readable.path("m.relates_to").path("event_id");
        if (!r.isTextual()) {
            r = wire.path("m.relates_to").path("event_id");
        }
        return r.isTextual() ? Optional.of(r.asText()) : Optional.empty();
    }

    private static java.util.List<String> concat(java.util.List<String> a, java.util.List<String> b) {
        java.util.List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
