package org.compliancebot.bridge.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * One event of a room timeline, as the client-server API delivers it. {@code sender} is set by the
 * server and is the only identity to authorise on. {@code raw} is the event exactly as received.
 *
 * <p>For an end-to-end encrypted event that was decrypted, {@code type} and {@code content} are the
 * decrypted ones, {@code raw} stays the {@code m.room.encrypted} event as received, and
 * {@code encryption} tells who sent it from which device. {@code encryption} is null for events that
 * were not encrypted.
 *
 * @param stateKey null for message events
 * @param encryption null unless the event was decrypted
 */
public record RoomEvent(EventId eventId, RoomId roomId, UserId sender, String type, String stateKey,
                        long originServerTs, ObjectNode content, JsonNode unsigned, JsonNode raw,
                        EncryptionInfo encryption) {

    /** An event that was not end-to-end encrypted. */
    public RoomEvent(EventId eventId, RoomId roomId, UserId sender, String type, String stateKey,
                     long originServerTs, ObjectNode content, JsonNode unsigned, JsonNode raw) {
        this(eventId, roomId, sender, type, stateKey, originServerTs, content, unsigned, raw, null);
    }

    /** This event with the decrypted type and content and how it was encrypted; {@code raw} is kept. */
    public RoomEvent decrypted(String plainType, ObjectNode plainContent, EncryptionInfo info) {
        return new RoomEvent(eventId, roomId, sender, plainType, stateKey, originServerTs, plainContent, unsigned, raw,
                java.util.Objects.requireNonNull(info, "info"));
    }

    /** True when this event was end-to-end encrypted and decrypted. */
    public boolean wasEncrypted() {
        return encryption != null;
    }

    /** Parses one event; {@code roomId} is used when the event itself does not carry one (sync timelines). */
    public static RoomEvent parse(RoomId roomId, JsonNode json) throws MalformedEventException {
        if (json == null || !json.isObject()) {
            throw new MalformedEventException("event is not a JSON object");
        }
        String eventId = text(json, "event_id");
        String type = text(json, "type");
        String sender = text(json, "sender");
        JsonNode ts = json.get("origin_server_ts");
        if (ts == null || !ts.canConvertToLong()) {
            throw new MalformedEventException("event " + eventId + " has no integer origin_server_ts");
        }
        JsonNode content = json.get("content");
        if (content != null && !content.isObject()) {
            throw new MalformedEventException("event " + eventId + " has a content that is not an object");
        }
        JsonNode stateKey = json.get("state_key");
        if (stateKey != null && !stateKey.isTextual()) {
            throw new MalformedEventException("event " + eventId + " has a state_key that is not a string");
        }
        RoomId room = roomId;
        if (json.hasNonNull("room_id")) {
            room = ids(() -> RoomId.of(json.get("room_id").asText()));
        }
        if (room == null) {
            throw new MalformedEventException("event " + eventId + " has no room_id");
        }
        return new RoomEvent(
                ids(() -> EventId.of(eventId)),
                room,
                ids(() -> UserId.of(sender)),
                type,
                stateKey == null ? null : stateKey.asText(),
                ts.asLong(),
                content == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) content,
                json.get("unsigned"),
                json,
                null);
    }

    private interface IdSupplier<T> {
        T get();
    }

    private static <T> T ids(IdSupplier<T> s) throws MalformedEventException {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage());
        }
    }

    private static String text(JsonNode json, String field) throws MalformedEventException {
        JsonNode v = json.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new MalformedEventException("event lacks the string field " + field);
        }
        return v.asText();
    }

    public boolean isState() {
        return stateKey != null;
    }

    /** The plain-text {@code body} of a message, or empty. */
    public String body() {
        JsonNode b = content.get("body");
        return b != null && b.isTextual() ? b.asText() : "";
    }

    public String msgtype() {
        JsonNode b = content.get("msgtype");
        return b != null && b.isTextual() ? b.asText() : "";
    }

    /** The {@code m.relates_to.rel_type}, if any ({@code m.replace}, {@code m.thread}, {@code m.annotation}). */
    public Optional<String> relType() {
        JsonNode r = content.path("m.relates_to").path("rel_type");
        return r.isTextual() ? Optional.of(r.asText()) : Optional.empty();
    }

    /** The event this one relates to through {@code m.relates_to.event_id}. */
    public Optional<EventId> relatesTo() {
        return optionalEventId(content.path("m.relates_to").path("event_id"));
    }

    /** The event this one replies to through {@code m.relates_to.m.in_reply_to.event_id}. */
    public Optional<EventId> inReplyTo() {
        return optionalEventId(content.path("m.relates_to").path("m.in_reply_to").path("event_id"));
    }

    /** True for events the server redacted after the fact (content stripped). */
    public boolean isRedacted() {
        return unsigned != null && unsigned.has("redacted_because");
    }

    private static Optional<EventId> optionalEventId(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventId.of(node.asText()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "RoomEvent[" + eventId + " " + type + " in " + roomId + " from " + sender
                + (encryption == null ? "" : " decrypted") + "]";
    }
}
