package org.compliancebot.bot.setup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Collection;
import org.compliancebot.bridge.id.UserId;

/**
 * The state every managed room starts with: end-to-end encryption, a ten-year retention policy, no
 * guests, no federation, and power levels that give the owners the room while the bot keeps what it
 * needs to invite and post.
 */
final class RoomGovernance {
    /** Ten years, the longest lifetime the homeserver allows. */
    static final Duration RETENTION = Duration.ofDays(3650);
    static final int OWNER = 100;
    static final String ROOM_VERSION = "11";
    /** Enough to invite, post, pin and redact; not enough to change power levels or the room's name. */
    static final int BOT_WITH_OWNER = 50;

    private final ObjectMapper mapper = new ObjectMapper();

    ObjectNode encryption() {
        return mapper.createObjectNode().put("algorithm", "m.megolm.v1.aes-sha2")
                .put("rotation_period_ms", Duration.ofDays(7).toMillis()).put("rotation_period_msgs", 100);
    }

    ObjectNode retention() {
        return mapper.createObjectNode().put("max_lifetime", RETENTION.toMillis());
    }

    ObjectNode noFederation() {
        return mapper.createObjectNode().put("m.federate", false);
    }

    /** Owners at 100 and the bot at {@code botLevel}; a room without owners keeps the bot at 100 so it is never orphaned. */
    ObjectNode powerLevels(UserId bot, int botLevel, Collection<UserId> owners) {
        ObjectNode pl = mapper.createObjectNode();
        ObjectNode users = pl.putObject("users");
        users.put(bot.value(), owners.isEmpty() ? OWNER : botLevel);
        owners.forEach(o -> users.put(o.value(), OWNER));
        pl.put("users_default", 0).put("events_default", 0).put("state_default", 50)
                .put("invite", 50).put("kick", 50).put("ban", 50).put("redact", 50);
        ObjectNode events = pl.putObject("events");
        events.put("m.room.power_levels", OWNER).put("m.room.encryption", OWNER).put("m.room.retention", OWNER)
                .put("m.room.history_visibility", OWNER).put("m.room.join_rules", OWNER).put("m.room.name", OWNER)
                .put("m.room.topic", 50).put("m.room.pinned_events", 50).put("m.room.tombstone", OWNER)
                .put("m.room.server_acl", OWNER);
        return pl;
    }
}
