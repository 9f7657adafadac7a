package org.compliancebot.bot.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code incident:} settings of incident rooms. Every key is optional; {@link IncidentConfigValidator}
 * fills in the defaults.
 *
 * @param retentionDays         {@code max_lifetime} of the rooms' {@code m.room.retention}, in days (default 3650)
 * @param commandRooms          where {@code !incident open} is accepted: names of the {@code rooms:} section,
 *                              room aliases or room ids (default: security_team and incident_response, when configured)
 * @param invites               per severity ({@code low}, {@code medium}, {@code high}, {@code critical}), the roles to invite
 * @param responseTargetMinutes the target for the first human message in a new room (default 30)
 */
public record IncidentConfig(
        @JsonProperty("retention_days") Integer retentionDays,
        @JsonProperty("command_rooms") List<String> commandRooms,
        Map<String, List<String>> invites,
        @JsonProperty("response_target_minutes") Integer responseTargetMinutes) {

    /** Ten years, the retention seed 004 asks for; also Synapse's {@code allowed_lifetime_max} in our homeserver.yaml. */
    public static final int DEFAULT_RETENTION_DAYS = 3650;

    public long retentionMillis() {
        return retentionDays * 86_400_000L;
    }
}
