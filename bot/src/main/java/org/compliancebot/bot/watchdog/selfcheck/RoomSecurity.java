package org.compliancebot.bot.watchdog.selfcheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Reads a room's protection from its state contents: an {@code m.room.encryption} whose algorithm is a
 * known one, and an {@code m.room.retention} with a positive {@code max_lifetime} (or {@code min_lifetime}).
 * Content without a valid algorithm (for example {@code {}}) counts as no encryption.
 */
public final class RoomSecurity {
    public static final Set<String> ALGORITHMS = Set.of("m.megolm.v1.aes-sha2");

    private RoomSecurity() {}

    /** {@code content} may be null when the room has no such state event. */
    public static boolean encrypted(JsonNode content) {
        return content != null && content.path("algorithm").isTextual() && ALGORITHMS.contains(content.path("algorithm").asText());
    }

    public static boolean hasRetention(JsonNode content) {
        if (content == null) {
            return false;
        }
        JsonNode max = content.path("max_lifetime");
        JsonNode min = content.path("min_lifetime");
        return (max.canConvertToLong() && max.asLong() > 0) || (min.canConvertToLong() && min.asLong() > 0);
    }
}
