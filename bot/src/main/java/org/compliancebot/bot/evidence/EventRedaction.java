package org.compliancebot.bot.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The redaction algorithm of the Matrix room versions whose event ids are reference hashes (4 to 12):
 * which top-level keys survive, and which content keys survive per event type. Room versions 1 to 3 are
 * refused: their event ids are not hashes, so there is nothing to check them against.
 */
public final class EventRedaction {
    private static final Set<String> KEYS_V4 = Set.of("event_id", "type", "room_id", "sender", "state_key", "content",
            "hashes", "signatures", "depth", "prev_events", "prev_state", "auth_events", "origin", "origin_server_ts",
            "membership");
    private static final Set<String> KEYS_V11 = Set.of("event_id", "type", "room_id", "sender", "state_key", "content",
            "hashes", "signatures", "depth", "prev_events", "auth_events", "origin_server_ts");

    private EventRedaction() {}

    /** True for the room versions this class knows. */
    public static boolean supports(String roomVersion) {
        return generation(roomVersion) > 0;
    }

    /** The top-level keys a redaction in {@code roomVersion} keeps; the version must be supported. */
    public static Set<String> topLevelKeys(String roomVersion) {
        return generation(roomVersion) >= 11 ? KEYS_V11 : KEYS_V4;
    }

    /**
     * True when a redaction in {@code roomVersion} leaves an event of {@code type} an empty content: every type
     * but those whose content keys {@link #redact} keeps some of.
     */
    public static boolean emptiesContent(String type, String roomVersion) {
        return switch (type) {
            case "m.room.member", "m.room.create", "m.room.join_rules", "m.room.power_levels", "m.room.history_visibility",
                 "m.room.redaction" -> false;
            case "m.room.aliases" -> generation(roomVersion) >= 6;
            default -> true;
        };
    }

    /**
     * Returns the redacted copy of a federation-format event.
     *
     * @throws IllegalArgumentException for a room version that is not supported
     */
    public static ObjectNode redact(JsonNode event, String roomVersion) {
        int v = generation(roomVersion);
        if (v == 0) {
            throw new IllegalArgumentException("room version " + roomVersion + " is not supported (4 to 12 are)");
        }
        Set<String> keep = topLevelKeys(roomVersion);
        ObjectNode out = ((ObjectNode) event).objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (keep.contains(e.getKey())) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        ObjectNode content = out.objectNode();
        JsonNode original = event.path("content");
        String type = event.path("type").asText();
        switch (type) {
            case "m.room.member" -> {
                copy(original, content, "membership");
                if (v >= 9) {
                    copy(original, content, "join_authorised_via_users_server");
                }
                if (v >= 11 && original.path("third_party_invite").has("signed")) {
                    content.putObject("third_party_invite").set("signed", original.path("third_party_invite").get("signed").deepCopy());
                }
            }
            case "m.room.create" -> {
                if (v >= 11) {
                    if (original.isObject()) {
                        content.setAll(((ObjectNode) original).deepCopy());
                    }
                } else {
                    copy(original, content, "creator");
                }
            }
            case "m.room.join_rules" -> {
                copy(original, content, "join_rule");
                if (v >= 8) {
                    copy(original, content, "allow");
                }
            }
            case "m.room.power_levels" -> {
                for (String k : new String[] {"ban", "events", "events_default", "kick", "redact", "state_default",
                        "users", "users_default"}) {
                    copy(original, content, k);
                }
                if (v >= 11) {
                    copy(original, content, "invite");
                }
            }
            case "m.room.history_visibility" -> copy(original, content, "history_visibility");
            case "m.room.redaction" -> {
                if (v >= 11) {
                    copy(original, content, "redacts");
                }
            }
            default -> { }
        }
        if (v < 6 && "m.room.aliases".equals(type)) {
            copy(original, content, "aliases");
        }
        out.set("content", content);
        return out;
    }

    private static void copy(JsonNode from, ObjectNode to, String key) {
        if (from.has(key)) {
            to.set(key, from.get(key).deepCopy());
        }
    }

    /** 0 for unsupported versions, else the number whose rules apply (12 redacts as 11). */
    private static int generation(String roomVersion) {
        if (roomVersion == null) {
            return 0;
        }
        return switch (roomVersion) {
            case "4", "5", "6", "7", "8", "9", "10", "11", "12" -> Integer.parseInt(roomVersion);
            default -> 0;
        };
    }
}
