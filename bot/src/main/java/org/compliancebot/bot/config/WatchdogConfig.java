package org.compliancebot.bot.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code watchdog:} alert ingestion, posting and self-checks. Absent means the watchdog does not run.
 * After {@link ConfigLoader} every field is set (defaults filled in).
 *
 * @param dedupWindowMinutes     a firing repeat within this many minutes of the last one only counts (default 60)
 * @param escalationMinutes      an unacknowledged Critical escalates after this many minutes (default 15)
 * @param openIncidentOnCritical a new Critical alert opens an incident (default false)
 * @param defaultLevel           the level of an alert that names no severity (default warning)
 * @param severityMap            source severity to level, added to the built-in mapping
 * @param sources                the senders, by name; the name is the last segment of the webhook path
 */
public record WatchdogConfig(
        @JsonProperty("dedup_window_minutes") Integer dedupWindowMinutes,
        @JsonProperty("escalation_minutes") Integer escalationMinutes,
        @JsonProperty("open_incident_on_critical") Boolean openIncidentOnCritical,
        @JsonProperty("default_level") String defaultLevel,
        @JsonProperty("severity_map") Map<String, String> severityMap,
        Pacing pacing,
        @JsonProperty("self_check") SelfCheck selfCheck,
        Map<String, Source> sources) {

    /**
     * {@code watchdog.pacing:} how fast the bot posts. The defaults are Synapse's own default message
     * limits (0.2 per second, bursts of 10); set {@code messages_per_second: 0} when the bot is exempt.
     *
     * @param digestThreshold  from this many alerts waiting, they are folded into digest messages (default 5)
     * @param digestMaxAlerts  at most this many alerts in one digest (default 50)
     */
    public record Pacing(
            @JsonProperty("messages_per_second") Double messagesPerSecond,
            Integer burst,
            @JsonProperty("digest_threshold") Integer digestThreshold,
            @JsonProperty("digest_max_alerts") Integer digestMaxAlerts) {}

    /**
     * {@code watchdog.self_check:} the bot watching itself.
     *
     * @param intervalMinutes        room checks run at start-up and then this often (default 60)
     * @param approvalPendingMinutes an approval pending longer raises a Warning (default 30)
     * @param messageVolumePerHour   more messages than this in a room within an hour raises a Warning (default 600)
     */
    public record SelfCheck(
            Boolean enabled,
            @JsonProperty("interval_minutes") Integer intervalMinutes,
            @JsonProperty("approval_pending_minutes") Integer approvalPendingMinutes,
            @JsonProperty("message_volume_per_hour") Integer messageVolumePerHour) {}

    /**
     * {@code watchdog.sources.<name>:} one sender. It authenticates with a bearer token (given as its SHA-256
     * in {@code token_sha256}, or read from the environment variable named by {@code token_env}) or with
     * an HMAC-SHA256 signature of the body, keyed by the secret in the variable named by {@code hmac_secret_env}.
     *
     * @param type       {@code alertmanager}, {@code grafana} or {@code generic}
     * @param hmacHeader the header carrying the hex signature (default {@code X-Signature-256})
     */
    public record Source(
            String type,
            @JsonProperty("token_sha256") String tokenSha256,
            @JsonProperty("token_env") String tokenEnv,
            @JsonProperty("hmac_secret_env") String hmacSecretEnv,
            @JsonProperty("hmac_header") String hmacHeader) {

        @Override
        public String toString() {
            return "Source[type=" + type + ", auth=" + (hmacSecretEnv != null ? "hmac" : "bearer") + "]";
        }
    }
}
