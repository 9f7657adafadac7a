package org.compliancebot.bridge.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.compliancebot.bridge.id.RoomId;

/**
 * Turns an event into what goes on the wire, just before each send attempt. The encryption layer
 * plugs in here to turn events for encrypted rooms into {@code m.room.encrypted}.
 */
@FunctionalInterface
public interface EventTransformer {
    /** The type and content to send. */
    record Wire(String type, JsonNode content) {}

    Wire transform(RoomId room, String type, JsonNode content);

    EventTransformer IDENTITY = (room, type, content) -> new Wire(type, content);
}
