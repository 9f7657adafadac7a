package org.compliancebot.bot.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.compliancebot.bridge.id.RoomAlias;
import org.compliancebot.bridge.id.RoomId;

/** Checks the {@code incident:} section and fills in its defaults; errors name the key. */
final class IncidentConfigValidator {
    static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");
    static final Map<String, List<String>> DEFAULT_INVITES = Map.of(
            "critical", List.of("security_lead", "human_overseer", "cto", "legal_counsel"),
            "high", List.of("security_lead", "compliance_manager"),
            "medium", List.of("security_lead"),
            "low", List.of("security_lead"));
    private static final List<String> DEFAULT_COMMAND_ROOMS = List.of("security_team", "incident_response");

    private IncidentConfigValidator() {}

    static IncidentConfig validate(IncidentConfig raw, Map<String, String> rooms) {
        IncidentConfig c = raw == null ? new IncidentConfig(null, null, null, null) : raw;
        int retention = c.retentionDays() == null ? IncidentConfig.DEFAULT_RETENTION_DAYS : c.retentionDays();
        if (retention < 1 || retention > 36_500) {
            throw new ConfigException("configuration key 'incident.retention_days' must be between 1 and 36500, got " + retention);
        }
        int target = c.responseTargetMinutes() == null ? 30 : c.responseTargetMinutes();
        if (target < 1 || target > 10_080) {
            throw new ConfigException("configuration key 'incident.response_target_minutes' must be between 1 and 10080, got " + target);
        }
        List<String> commandRooms;
        if (c.commandRooms() == null) {
            commandRooms = DEFAULT_COMMAND_ROOMS.stream().filter(rooms::containsKey).toList();
        } else {
            commandRooms = new ArrayList<>();
            for (int i = 0; i < c.commandRooms().size(); i++) {
                commandRooms.add(commandRoom(c.commandRooms().get(i), "incident.command_rooms[" + i + "]", rooms));
            }
        }
        Map<String, List<String>> invites = new LinkedHashMap<>(DEFAULT_INVITES);
        if (c.invites() != null) {
            for (Map.Entry<String, List<String>> e : c.invites().entrySet()) {
                String key = "incident.invites." + e.getKey();
                String severity = e.getKey().toLowerCase(Locale.ROOT);
                if (!SEVERITIES.contains(severity)) {
                    throw new ConfigException("unknown configuration key '" + key + "'; known severities: " + SEVERITIES);
                }
                List<String> roles = e.getValue() == null ? List.of() : e.getValue();
                for (int i = 0; i < roles.size(); i++) {
                    if (!ConfigLoader.ROLE_NAMES.contains(roles.get(i))) {
                        throw new ConfigException("configuration key '" + key + "[" + i + "]' names the unknown role '"
                                + roles.get(i) + "'; known roles: " + ConfigLoader.ROLE_NAMES);
                    }
                }
                invites.put(severity, List.copyOf(roles));
            }
        }
        return new IncidentConfig(retention, List.copyOf(commandRooms), Map.copyOf(invites), target);
    }

    private static String commandRoom(String value, String key, Map<String, String> rooms) {
        if (value == null || value.isBlank()) {
            throw new ConfigException("configuration key '" + key + "' is empty");
        }
        String v = value.strip();
        if (v.startsWith("#")) {
            try {
                return RoomAlias.of(v).value();
            } catch (IllegalArgumentException e) {
                throw new ConfigException("configuration key '" + key + "' is not a room alias like #name:server: " + v);
            }
        }
        if (v.startsWith("!")) {
            try {
                return RoomId.of(v).value();
            } catch (IllegalArgumentException e) {
                throw new ConfigException("configuration key '" + key + "' is not a room id like !id:server: " + v);
            }
        }
        if (!ConfigLoader.ROOM_NAMES.contains(v)) {
            throw new ConfigException("configuration key '" + key + "' must be a room of the rooms: section "
                    + ConfigLoader.ROOM_NAMES + ", a room alias or a room id, got: " + v);
        }
        if (!rooms.containsKey(v)) {
            throw new ConfigException("configuration key '" + key + "' names the room '" + v
                    + "', which has no alias under rooms:");
        }
        return v;
    }
}
