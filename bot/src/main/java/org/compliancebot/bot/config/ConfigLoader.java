package org.compliancebot.bot.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancebot.bridge.id.RoomAlias;
import org.compliancebot.bridge.id.UserId;

/**
 * Reads and validates the YAML configuration. Unknown keys, missing keys, malformed values and
 * secrets written into the file all stop the bot with a message that names the key.
 */
public final class ConfigLoader {
    /** Key names that would hold a secret; such values belong in the environment, not in the file. */
    private static final Set<String> SECRET_KEYS = Set.of("password", "access_token", "token", "secret",
            "store_key", "shared_secret", "registration_shared_secret");

    /** The roles the bot knows; the {@code roles:} section may name only these. */
    public static final List<String> ROLE_NAMES = List.of("security_lead", "human_overseer", "compliance_manager",
            "cto", "legal_counsel", "stakeholder", "highest_authority", "auditor");

    /** The base rooms the bot manages; the {@code rooms:} section may name only these. */
    public static final List<String> ROOM_NAMES = List.of("security_team", "compliance_team", "human_oversight",
            "security_monitoring", "incident_response", "audit");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public BotConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file not found: " + file);
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    public BotConfig parse(String text) {
        JsonNode tree;
        try {
            tree = yaml.readTree(text);
        } catch (IOException e) {
            throw new ConfigException("configuration is not valid YAML: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException("configuration must be a YAML mapping with the sections homeserver, bot, database");
        }
        rejectSecrets(tree, "");
        BotConfig raw;
        try {
            raw = yaml.treeToValue(tree, BotConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("unknown configuration key '" + path(e) + "'; known keys here: "
                    + e.getKnownPropertyIds(), e);
        } catch (JsonMappingException e) {
            throw new ConfigException("configuration key '" + path(e) + "' has a bad value: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("configuration cannot be read: " + e.getMessage(), e);
        }
        return validate(raw);
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static void rejectSecrets(JsonNode node, String prefix) {
        if (!node.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (SECRET_KEYS.contains(e.getKey())) {
                throw new ConfigException("configuration key '" + key + "' would hold a secret; secrets are read from "
                        + "the environment (" + Secrets.PASSWORD + ", " + Secrets.ACCESS_TOKEN + ", " + Secrets.STORE_KEY
                        + ", " + Secrets.DATABASE_PASSWORD + ", or the same names with _FILE), never from the YAML file");
            }
            rejectSecrets(e.getValue(), key);
        }
    }

    private BotConfig validate(BotConfig c) {
        BotConfig.Homeserver hs = require(c.homeserver(), "homeserver");
        String url = requireText(hs.url(), "homeserver.url");
        try {
            URI u = URI.create(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException("configuration key 'homeserver.url' must be an http(s) URL, got: " + url);
        }
        BotConfig.Bot bot = require(c.bot(), "bot");
        UserId botUser = userId(requireText(bot.userId(), "bot.user_id"), "bot.user_id");
        String deviceId = requireText(bot.deviceId(), "bot.device_id");
        if (!deviceId.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new ConfigException("configuration key 'bot.device_id' must be 1 to 64 letters, digits, '_', '.' or '-'");
        }
        String serverName = hs.serverName() == null ? botUser.server() : hs.serverName();
        BotConfig.Database db = require(c.database(), "database");
        String dbUrl = requireText(db.url(), "database.url");
        if (!dbUrl.startsWith("jdbc:sqlite:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("configuration key 'database.url' must start with jdbc:sqlite: or jdbc:postgresql:");
        }
        BotConfig.Sync sync = c.sync() == null ? new BotConfig.Sync(null, null, null) : c.sync();
        int limit = sync.timelineLimit() == null ? 50 : sync.timelineLimit();
        if (limit < 1 || limit > 1000) {
            throw new ConfigException("configuration key 'sync.timeline_limit' must be between 1 and 1000, got " + limit);
        }
        int poll = sync.pollTimeoutSeconds() == null ? 30 : sync.pollTimeoutSeconds();
        if (poll < 1 || poll > 300) {
            throw new ConfigException("configuration key 'sync.poll_timeout_seconds' must be between 1 and 300, got " + poll);
        }
        List<String> allow = sync.inviteAllow() == null ? List.of() : sync.inviteAllow();
        for (int i = 0; i < allow.size(); i++) {
            userId(allow.get(i), "sync.invite_allow[" + i + "]");
        }
        Map<String, List<String>> roles = new LinkedHashMap<>();
        if (c.roles() != null) {
            for (Map.Entry<String, List<String>> e : c.roles().entrySet()) {
                String key = "roles." + e.getKey();
                if (!ROLE_NAMES.contains(e.getKey())) {
                    throw new ConfigException("unknown configuration key '" + key + "'; known roles: " + ROLE_NAMES);
                }
                List<String> users = e.getValue() == null ? List.of() : e.getValue();
                List<String> checked = new ArrayList<>();
                for (int i = 0; i < users.size(); i++) {
                    UserId u = userId(users.get(i), key + "[" + i + "]");
                    if (!u.server().equals(serverName)) {
                        throw new ConfigException("configuration key '" + key + "[" + i + "]': " + u
                                + " is not a user of the local server " + serverName + "; only local users may hold roles");
                    }
                    checked.add(u.value());
                }
                roles.put(e.getKey(), List.copyOf(checked));
            }
        }
        Map<String, String> rooms = new LinkedHashMap<>();
        if (c.rooms() != null) {
            for (Map.Entry<String, String> e : c.rooms().entrySet()) {
                String key = "rooms." + e.getKey();
                if (!ROOM_NAMES.contains(e.getKey())) {
                    throw new ConfigException("unknown configuration key '" + key + "'; known rooms: " + ROOM_NAMES);
                }
                try {
                    rooms.put(e.getKey(), RoomAlias.of(requireText(e.getValue(), key)).value());
                } catch (IllegalArgumentException ex) {
                    throw new ConfigException("configuration key '" + key + "' must be a room alias like #name:server, got: " + e.getValue());
                }
            }
        }
        return new BotConfig(new BotConfig.Homeserver(url, serverName),
                new BotConfig.Bot(botUser.value(), deviceId, bot.displayName() == null ? "Compliance Bot" : bot.displayName()),
                new BotConfig.Database(dbUrl, db.user()),
                new BotConfig.Sync(limit, poll, List.copyOf(allow)),
                Map.copyOf(roles), Map.copyOf(rooms), ChangeSettings.validate(c.change()),
                IncidentConfigValidator.validate(c.incident(), rooms),
                WatchdogConfigValidator.watchdog(c.watchdog()), WatchdogConfigValidator.http(c.http(), serverName),
                EvidenceSettings.validate(c.evidence()));
    }

    private static <T> T require(T value, String key) {
        if (value == null) {
            throw new ConfigException("configuration key '" + key + "' is missing");
        }
        return value;
    }

    private static String requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new ConfigException("configuration key '" + key + "' is missing or empty");
        }
        return value.strip();
    }

    private static UserId userId(String value, String key) {
        try {
            return UserId.of(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException("configuration key '" + key + "' must be a Matrix user id like @name:server, got: " + value);
        }
    }
}
