package org.compliancebot.testkit.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.compliancebot.testkit.internal.Http;

import java.util.function.Predicate;

/**
 * Something the JS client saw: a timeline event (decrypted if it was encrypted and the client could) or
 * an invite.
 *
 * @param kind            {@code "timeline"} or {@code "invite"}
 * @param roomId          the room
 * @param eventId         the event ID (null for invites)
 * @param sender          the sender (for invites: the inviter, if known)
 * @param type            the event type after decryption, e.g. {@code m.room.message}; {@code m.room.encrypted}
 *                        if it could not be decrypted; null for invites
 * @param content         the content after decryption; the encrypted wire content if it could not be
 *                        decrypted; an empty object for invites
 * @param encrypted       whether the event was sent encrypted
 * @param decryptionError matrix-js-sdk's decryption failure reason, or null if it decrypted (or was plain)
 * @param raw             the whole line the harness sent
 */
public record JsEvent(String kind, String roomId, String eventId, String sender, String type, JsonNode content,
                      boolean encrypted, String decryptionError, JsonNode raw) {

    static JsEvent of(JsonNode line) {
        return new JsEvent(line.path("event").asText(), text(line, "roomId"), text(line, "eventId"),
                text(line, "sender") != null ? text(line, "sender") : text(line, "inviter"), text(line, "type"),
                line.get("content") instanceof ObjectNode content ? content : Http.JSON.createObjectNode(),
                line.path("encrypted").asBoolean(false), text(line, "decryptionError"), line);
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A one-line description without the raw line. */
    @Override
    public String toString() {
        return "JsEvent[" + kind + " " + roomId + " " + eventId + " " + type + " from " + sender
                + (encrypted ? (decryptionError == null ? " decrypted" : " undecryptable: " + decryptionError) : "")
                + " " + content + "]";
    }

    /** Whether this is a timeline event. */
    public boolean isTimeline() {
        return "timeline".equals(kind);
    }

    /** Whether this is an invite of the client's user. */
    public boolean isInvite() {
        return "invite".equals(kind);
    }

    /** The {@code body} of the content, or null. */
    public String body() {
        JsonNode body = content.get("body");
        return body == null || body.isNull() ? null : body.asText();
    }

    /** Whether it was encrypted and the client decrypted it. */
    public boolean isDecrypted() {
        return encrypted && decryptionError == null;
    }

    /** Matches an {@code m.room.message} in {@code roomId} whose body equals {@code body}. */
    public static Predicate<JsEvent> message(String roomId, String body) {
        return e -> e.isTimeline() && roomId.equals(e.roomId()) && "m.room.message".equals(e.type())
                && body.equals(e.body());
    }

    /** Matches any timeline event of the given type in {@code roomId}. */
    public static Predicate<JsEvent> ofType(String roomId, String type) {
        return e -> e.isTimeline() && roomId.equals(e.roomId()) && type.equals(e.type());
    }

    /** Matches an invite into {@code roomId}. */
    public static Predicate<JsEvent> inviteTo(String roomId) {
        return e -> e.isInvite() && roomId.equals(e.roomId());
    }
}
