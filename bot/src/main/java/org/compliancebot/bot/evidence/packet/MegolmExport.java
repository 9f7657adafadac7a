package org.compliancebot.bot.evidence.packet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Megolm session in a packet, exported at the first message index the packet needs. Anyone holding
 * {@code sessionKey} can decrypt that session's messages from {@code firstIndex} on. {@link #toString()}
 * does not show the key.
 *
 * @param senderKey the Curve25519 key of the sending device, as in the events' {@code sender_key}
 * @param sessionKey the session export (format version 1), unpadded base64
 */
public record MegolmExport(String roomId, String senderKey, String sessionId, long firstIndex, String sessionKey) {
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("room_id", roomId);
        o.put("sender_key", senderKey);
        o.put("session_id", sessionId);
        o.put("first_index", firstIndex);
        o.put("session_key", sessionKey);
        return o;
    }

    public static MegolmExport fromJson(JsonNode o) {
        for (String f : new String[] {"room_id", "sender_key", "session_id", "session_key"}) {
            if (!o.path(f).isTextual()) {
                throw new IllegalArgumentException("a Megolm export needs the string " + f);
            }
        }
        if (!o.path("first_index").canConvertToLong()) {
            throw new IllegalArgumentException("a Megolm export needs first_index");
        }
        return new MegolmExport(o.get("room_id").asText(), o.get("sender_key").asText(), o.get("session_id").asText(),
                o.get("first_index").asLong(), o.get("session_key").asText());
    }

    @Override
    public String toString() {
        return "MegolmExport[" + sessionId + " from " + firstIndex + " in " + roomId + "]";
    }
}
