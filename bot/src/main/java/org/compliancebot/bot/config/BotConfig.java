package org.compliancebot.bot.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The bot's configuration, read from YAML by {@link ConfigLoader}. Keys are snake_case in the file.
 * Secrets are not part of it: they come from the environment or from files (see {@link Secrets}).
 */
public record BotConfig(
        Homeserver homeserver,
        Bot bot,
        Database database,
        Sync sync,
        Map<String, List<String>> roles,
        Map<String, String> rooms,
        Change change,
        IncidentConfig incident,
        WatchdogConfig watchdog,
        HttpConfig http,
        /** {@code evidence:} the evidence log; see {@link EvidenceSettings}. */
        EvidenceSettings evidence) {

    /** {@code homeserver:} where the bot connects. */
    public record Homeserver(
            /** Base URL of the client-server API, e.g. {@code http://127.0.0.1:8008}. */
            String url,
            /** The local server name; only its users may hold roles. Defaults to the bot's own server. */
            @JsonProperty("server_name") String serverName) {}

    /** {@code bot:} the bot's account. */
    public record Bot(
            @JsonProperty("user_id") String userId,
            /** A fixed device id, so the bot's device and its keys survive restarts. */
            @JsonProperty("device_id") String deviceId,
            @JsonProperty("display_name") String displayName) {}

    /** {@code database:} where state is kept. */
    public record Database(
            /** A JDBC URL: {@code jdbc:sqlite:<file>} (default) or {@code jdbc:postgresql://...}. */
            String url,
            String user) {}

    /** {@code sync:} the sync loop. */
    public record Sync(
            @JsonProperty("timeline_limit") Integer timelineLimit,
            @JsonProperty("poll_timeout_seconds") Integer pollTimeoutSeconds,
            /** Users whose invitations the bot accepts; empty means users of the local server. */
            @JsonProperty("invite_allow") List<String> inviteAllow) {}

    /**
     * {@code change:} approval authority and timers of the change workflow; every key is optional
     * (defaults in {@link ChangeSettings}).
     */
    public record Change(
            /** Risk level (low, medium, high, critical) to the roles that must approve; {@code [bot]} for automatic. */
            Map<String, List<String>> approvers,
            /** Risk levels whose approvers must decide from a cross-signed device. */
            @JsonProperty("cross_signing_required") List<String> crossSigningRequired,
            /** Categories never approved automatically. */
            @JsonProperty("no_auto_approval_categories") List<String> noAutoApprovalCategories,
            @JsonProperty("approval_reminder_minutes") Integer approvalReminderMinutes,
            @JsonProperty("approval_alert_minutes") Integer approvalAlertMinutes,
            @JsonProperty("approval_expiry_minutes") Integer approvalExpiryMinutes,
            @JsonProperty("retrospective_reminder_hours") Integer retrospectiveReminderHours,
            @JsonProperty("retrospective_due_hours") Integer retrospectiveDueHours) {}
}
