package org.compliancebot.bot.incident.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bridge.api.CreateRoomRequest;
import org.compliancebot.bridge.id.UserId;

/**
 * The shape of an incident room: creation request, power levels while open, and after archiving.
 *
 * <p>Power levels follow the room ownership table of seed 004: the security lead owns incident rooms
 * (100). The bot keeps {@value #BOT_LEVEL}, enough to invite, post, pin, rename, update the topic and
 * change the power levels when archiving; encryption, retention, join rules, history visibility,
 * aliases, kicks and bans stay at 100, out of its reach. Room version {@value #ROOM_VERSION} is used
 * because from version 12 on the creator keeps unlimited power for good and could not step down;
 * the rooms do not federate, which is where version 12's hardening matters.
 */
public final class IncidentRoomLayout {
    public static final String ROOM_VERSION = "11";
    public static final int BOT_LEVEL = 50;
    public static final int OWNER_LEVEL = 100;
    public static final String ARCHIVED_PREFIX = "[ARCHIVED] ";

    /** Event types the bot needs, at its own level. */
    static final List<String> BOT_EVENTS = List.of("m.room.name", "m.room.topic", "m.room.pinned_events", "m.room.power_levels");
    /** Event types that stay with the owner. */
    static final List<String> OWNER_EVENTS = List.of("m.room.encryption", "m.room.retention", "m.room.history_visibility",
            "m.room.join_rules", "m.room.guest_access", "m.room.canonical_alias", "m.room.avatar", "m.room.tombstone",
            "m.room.server_acl");

    /** Key in {@code m.room.create} that ties the room to the incident that created it. */
    public static final String MARKER = "org.compliancebot.incident";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private IncidentRoomLayout() {}

    /**
     * The createRoom request. The bot is created at 100 (it has to send the initial state, which
     * needs 100) and steps down with {@link #securedPowerLevels} right after.
     */
    public static CreateRoomRequest createRequest(Incident incident, String aliasLocalpart, UserId bot, Set<UserId> owners,
                                                  long retentionMillis) {
        return CreateRoomRequest.builder()
                .roomVersion(ROOM_VERSION)
                .preset("private_chat")
                .visibility("private")
                .roomAliasName(aliasLocalpart)
                .name(incident.roomName())
                .topic(incident.topic())
                .creationContent(F.objectNode().put("m.federate", false).put(MARKER, marker(incident)))
                .initialState("m.room.encryption", "", F.objectNode().put("algorithm", "m.megolm.v1.aes-sha2"))
                .initialState("m.room.retention", "", F.objectNode().put("max_lifetime", retentionMillis))
                .initialState("m.room.guest_access", "", F.objectNode().put("guest_access", "forbidden"))
                .initialState("m.room.join_rules", "", F.objectNode().put("join_rule", "invite"))
                .powerLevelContentOverride(powerLevels(bot, OWNER_LEVEL, owners))
                .build();
    }

    /**
     * The value of {@link #MARKER}: the incident ID and its creation time, which tells this incident's
     * room from a room of an earlier deployment that reused the ID.
     */
    public static String marker(Incident incident) {
        return incident.id() + "@" + incident.createdAt().toEpochMilli();
    }

    /**
     * The alias local parts to try, in order: the incident ID, then {@code <id>-2}, {@code <id>-3}...
     * for when someone else holds the alias already.
     */
    public static String aliasCandidate(Incident incident, int n) {
        return n == 1 ? incident.id().aliasLocalpart() : incident.id().aliasLocalpart() + "-" + n;
    }

    /** The power levels while the incident is worked: the owners at 100, the bot at {@value #BOT_LEVEL}. */
    public static ObjectNode securedPowerLevels(UserId bot, Set<UserId> owners) {
        return powerLevels(bot, owners.isEmpty() ? OWNER_LEVEL : BOT_LEVEL, owners);
    }

    private static ObjectNode powerLevels(UserId bot, int botLevel, Set<UserId> owners) {
        ObjectNode pl = F.objectNode();
        ObjectNode users = pl.putObject("users");
        owners.forEach(o -> users.put(o.value(), OWNER_LEVEL));
        users.put(bot.value(), botLevel);
        pl.put("users_default", 0);
        pl.put("events_default", 0);
        pl.put("state_default", OWNER_LEVEL);
        pl.put("invite", BOT_LEVEL);
        pl.put("kick", OWNER_LEVEL);
        pl.put("ban", OWNER_LEVEL);
        pl.put("redact", OWNER_LEVEL);
        ObjectNode events = pl.putObject("events");
        BOT_EVENTS.forEach(t -> events.put(t, BOT_LEVEL));
        OWNER_EVENTS.forEach(t -> events.put(t, OWNER_LEVEL));
        pl.putObject("notifications").put("room", BOT_LEVEL);
        return pl;
    }

    /** The level of {@code user} in power levels {@code pl}. */
    public static int levelOf(JsonNode pl, UserId user) {
        JsonNode u = pl.path("users").path(user.value());
        return u.canConvertToInt() ? u.asInt() : pl.path("users_default").asInt(0);
    }

    /**
     * The power levels after archiving: posting needs the bot's level, so members below it can still
     * read but no longer post. Levels the bot cannot lower (users at or above its own, such as the
     * owner) stay; every other user entry and event level below the bot's is lifted or dropped.
     * Returns the new content and the users who can still post.
     */
    public static Archived archivedPowerLevels(JsonNode current, UserId bot) {
        ObjectNode pl = current.deepCopy();
        int botLevel = levelOf(current, bot);
        pl.put("events_default", Math.max(botLevel, current.path("events_default").asInt(0)));
        if (current.path("users_default").asInt(0) <= botLevel) {
            pl.put("users_default", 0);
        }
        ObjectNode users = pl.withObject("/users");
        List<String> stillPosting = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = users.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int level = e.getValue().asInt(0);
            if (e.getKey().equals(bot.value())) {
                continue;
            }
            if (level < botLevel) {
                it.remove();
            } else {
                stillPosting.add(e.getKey());
            }
        }
        ObjectNode events = pl.withObject("/events");
        for (Iterator<Map.Entry<String, JsonNode>> it = events.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().asInt(0) < botLevel) {
                e.setValue(F.numberNode(botLevel));
            }
        }
        return new Archived(pl, stillPosting);
    }

    /** Archived power levels, and the users whose own level still lets them post. */
    public record Archived(ObjectNode powerLevels, List<String> stillPosting) {}

    /** {@code [ARCHIVED] <name>}, prefixed once. */
    public static String archivedName(String name) {
        return name.startsWith(ARCHIVED_PREFIX) ? name : ARCHIVED_PREFIX + name;
    }
}
