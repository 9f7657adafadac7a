package org.compliancebot.bot.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.compliancebot.bridge.id.UserId;

/** Checks the {@code watchdog:} and {@code http:} sections and fills in their defaults. */
final class WatchdogConfigValidator {
    private static final List<String> LEVELS = List.of("informational", "advisory", "warning", "critical");
    private static final List<String> SOURCE_TYPES = List.of("alertmanager", "grafana", "generic");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ENV = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private WatchdogConfigValidator() {}

    static WatchdogConfig watchdog(WatchdogConfig w) {
        if (w == null) {
            return null;
        }
        int window = range(w.dedupWindowMinutes(), 60, 1, 7 * 24 * 60, "watchdog.dedup_window_minutes");
        int escalation = range(w.escalationMinutes(), 15, 1, 24 * 60, "watchdog.escalation_minutes");
        String defaultLevel = level(w.defaultLevel() == null ? "warning" : w.defaultLevel(), "watchdog.default_level");
        Map<String, String> severities = new LinkedHashMap<>();
        if (w.severityMap() != null) {
            w.severityMap().forEach((k, v) -> {
                if (k == null || k.isBlank()) {
                    throw new ConfigException("configuration key 'watchdog.severity_map' has an empty severity name");
                }
                severities.put(k.strip().toLowerCase(Locale.ROOT), level(v, "watchdog.severity_map." + k));
            });
        }
        WatchdogConfig.Pacing p = w.pacing() == null ? new WatchdogConfig.Pacing(null, null, null, null) : w.pacing();
        double rate = p.messagesPerSecond() == null ? 0.2 : p.messagesPerSecond();
        if (rate < 0 || rate > 1000 || Double.isNaN(rate)) {
            throw new ConfigException("configuration key 'watchdog.pacing.messages_per_second' must be between 0 and 1000, got " + rate);
        }
        int burst = range(p.burst(), 10, 1, 10_000, "watchdog.pacing.burst");
        int threshold = range(p.digestThreshold(), 5, 1, 10_000, "watchdog.pacing.digest_threshold");
        int maxAlerts = range(p.digestMaxAlerts(), 50, 2, 500, "watchdog.pacing.digest_max_alerts");
        WatchdogConfig.SelfCheck s = w.selfCheck() == null ? new WatchdogConfig.SelfCheck(null, null, null, null) : w.selfCheck();
        WatchdogConfig.SelfCheck selfCheck = new WatchdogConfig.SelfCheck(s.enabled() == null || s.enabled(),
                range(s.intervalMinutes(), 60, 1, 7 * 24 * 60, "watchdog.self_check.interval_minutes"),
                range(s.approvalPendingMinutes(), 30, 1, 7 * 24 * 60, "watchdog.self_check.approval_pending_minutes"),
                range(s.messageVolumePerHour(), 600, 1, 10_000_000, "watchdog.self_check.message_volume_per_hour"));
        Map<String, WatchdogConfig.Source> sources = new LinkedHashMap<>();
        if (w.sources() != null) {
            for (Map.Entry<String, WatchdogConfig.Source> e : w.sources().entrySet()) {
                sources.put(e.getKey(), source(e.getKey(), e.getValue()));
            }
        }
        return new WatchdogConfig(window, escalation, Boolean.TRUE.equals(w.openIncidentOnCritical()), defaultLevel,
                Map.copyOf(severities), new WatchdogConfig.Pacing(rate, burst, threshold, maxAlerts), selfCheck, Map.copyOf(sources));
    }

    private static WatchdogConfig.Source source(String name, WatchdogConfig.Source s) {
        String key = "watchdog.sources." + name;
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException("configuration key '" + key + "': a source name is 1 to 64 lower-case letters, digits, '_' or '-'");
        }
        if (s == null) {
            throw new ConfigException("configuration key '" + key + "' is empty; it needs a type and a token or HMAC secret");
        }
        if (s.type() == null || !SOURCE_TYPES.contains(s.type())) {
            throw new ConfigException("configuration key '" + key + ".type' must be one of " + SOURCE_TYPES + ", got: " + s.type());
        }
        int auths = (s.tokenSha256() != null ? 1 : 0) + (s.tokenEnv() != null ? 1 : 0) + (s.hmacSecretEnv() != null ? 1 : 0);
        if (auths != 1) {
            throw new ConfigException("configuration key '" + key + "' needs exactly one of token_sha256, token_env or hmac_secret_env"
                    + " (every source must authenticate)");
        }
        String sha = s.tokenSha256() == null ? null : s.tokenSha256().strip().toLowerCase(Locale.ROOT);
        if (sha != null && !SHA256.matcher(sha).matches()) {
            throw new ConfigException("configuration key '" + key + ".token_sha256' must be 64 hex digits (the SHA-256 of the token)");
        }
        env(s.tokenEnv(), key + ".token_env");
        env(s.hmacSecretEnv(), key + ".hmac_secret_env");
        if (s.hmacHeader() != null && s.hmacSecretEnv() == null) {
            throw new ConfigException("configuration key '" + key + ".hmac_header' only applies with hmac_secret_env");
        }
        if (s.hmacHeader() != null && !HEADER.matcher(s.hmacHeader()).matches()) {
            throw new ConfigException("configuration key '" + key + ".hmac_header' must be an HTTP header name");
        }
        String header = s.hmacSecretEnv() == null ? null : s.hmacHeader() == null ? "X-Signature-256" : s.hmacHeader();
        return new WatchdogConfig.Source(s.type(), sha, s.tokenEnv(), s.hmacSecretEnv(), header);
    }

    static HttpConfig http(HttpConfig h, String serverName) {
        if (h == null) {
            return null;
        }
        String bind = h.bind() == null ? "127.0.0.1" : h.bind().strip();
        if (bind.isEmpty()) {
            throw new ConfigException("configuration key 'http.bind' must not be empty");
        }
        int port = range(h.port(), 8080, 0, 65535, "http.port");
        int maxBody = range(h.maxBodyBytes(), 1024 * 1024, 1024, 64 * 1024 * 1024, "http.max_body_bytes");
        List<HttpConfig.ApiToken> tokens = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        List<HttpConfig.ApiToken> given = h.tokens() == null ? List.of() : h.tokens();
        for (int i = 0; i < given.size(); i++) {
            String key = "http.tokens[" + i + "]";
            HttpConfig.ApiToken t = given.get(i);
            if (t == null || t.name() == null || !NAME.matcher(t.name()).matches()) {
                throw new ConfigException("configuration key '" + key + ".name' must be 1 to 64 lower-case letters, digits, '_' or '-'");
            }
            if (!names.add(t.name())) {
                throw new ConfigException("configuration key '" + key + ".name': the name " + t.name() + " is used twice");
            }
            if ((t.sha256() == null) == (t.tokenEnv() == null)) {
                throw new ConfigException("configuration key '" + key + "' needs exactly one of sha256 or token_env");
            }
            String sha = t.sha256() == null ? null : t.sha256().strip().toLowerCase(Locale.ROOT);
            if (sha != null && !SHA256.matcher(sha).matches()) {
                throw new ConfigException("configuration key '" + key + ".sha256' must be 64 hex digits (the SHA-256 of the token)");
            }
            env(t.tokenEnv(), key + ".token_env");
            if (t.scopes() == null || t.scopes().isEmpty()) {
                throw new ConfigException("configuration key '" + key + ".scopes' is missing; e.g. [read] for an auditor");
            }
            for (int j = 0; j < t.scopes().size(); j++) {
                scope(t.scopes().get(j), key + ".scopes[" + j + "]");
            }
            tokens.add(new HttpConfig.ApiToken(t.name(), sha, t.tokenEnv(), List.copyOf(t.scopes()),
                    tokenUser(t.userId(), serverName, key + ".user_id")));
        }
        return new HttpConfig(bind, port, maxBody, List.copyOf(tokens));
    }

    private static String tokenUser(String userId, String serverName, String key) {
        if (userId == null) {
            return null;
        }
        UserId u;
        try {
            u = UserId.of(userId.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("configuration key '" + key + "' must be a Matrix user id like @name:server, got: " + userId);
        }
        if (!u.server().equals(serverName)) {
            throw new ConfigException("configuration key '" + key + "': " + u + " is not a user of the local server " + serverName
                    + "; an API token can only act for a local user");
        }
        return u.value();
    }

    private static void scope(String s, String key) {
        // auditor: evidence searches cover every monitored room, not only the token user's rooms.
        if ("read".equals(s) || "write".equals(s) || "auditor".equals(s)) {
            return;
        }
        int colon = s == null ? -1 : s.indexOf(':');
        if (colon > 0 && HttpConfig.AREAS.contains(s.substring(0, colon))
                && List.of("read", "write").contains(s.substring(colon + 1))) {
            return;
        }
        throw new ConfigException("configuration key '" + key + "': unknown scope '" + s + "'; use read, write, auditor, or "
                + "<area>:read / <area>:write with an area of " + HttpConfig.AREAS);
    }

    private static void env(String name, String key) {
        if (name != null && !ENV.matcher(name).matches()) {
            throw new ConfigException("configuration key '" + key + "' must name an environment variable (A-Z, 0-9, _)");
        }
    }

    private static String level(String v, String key) {
        String l = v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(l)) {
            throw new ConfigException("configuration key '" + key + "' must be one of " + LEVELS + ", got: " + v);
        }
        return l;
    }

    private static int range(Integer v, int def, int min, int max, String key) {
        int x = v == null ? def : v;
        if (x < min || x > max) {
            throw new ConfigException("configuration key '" + key + "' must be between " + min + " and " + max + ", got " + x);
        }
        return x;
    }
}
