package org.compliancebot.testkit.synapse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.compliancebot.testkit.internal.RepoRoot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the test homeserver configuration from the production one: loads
 * {@code synapse-config/homeserver.yaml}, deep-merges {@code synapse-config/test-overlay.yaml} over it and
 * fills the per-run placeholders ({@code ${runDir}}, {@code ${port}}, {@code ${serverName}},
 * {@code ${configDir}}).
 *
 * <p>Merge rule: maps merge key by key; any other value, lists included, replaces the production value.
 * The {@code database} section is replaced whole, so that no PostgreSQL argument reaches SQLite.
 * The overlay may only touch the top-level keys in {@link #ALLOWED_TEST_DIFFERENCES}; anything else is
 * rejected so that a security setting cannot silently differ between tests and production.
 */
public final class SynapseConfigGenerator {

    /** Top-level keys in which the test variant may differ from production. */
    public static final Set<String> ALLOWED_TEST_DIFFERENCES = Set.of(
            // where it runs and who it is
            "server_name", "public_baseurl", "listeners", "database",
            // files of this run
            "pid_file", "log_config", "media_store_path",
            "signing_key_path", "registration_shared_secret_path", "macaroon_secret_key_path", "form_secret_path",
            // password hashing cost, lowered for speed
            "bcrypt_rounds",
            // rate limits, lifted for the shared test instance
            "rc_message", "rc_registration", "rc_login", "rc_joins", "rc_joins_per_room", "rc_invites",
            "rc_room_creation", "rc_key_requests", "rc_presence", "rc_profile");

    /** Top-level sections the overlay replaces instead of merging into. */
    private static final Set<String> REPLACED_WHOLE = Set.of("database");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private final Path configDir;

    /** A generator reading {@code homeserver.yaml} and {@code test-overlay.yaml} from {@code configDir}. */
    public SynapseConfigGenerator(Path configDir) {
        this.configDir = configDir.toAbsolutePath().normalize();
    }

    /** A generator over the repository's {@code synapse-config/} directory. */
    public static SynapseConfigGenerator fromRepository() {
        return new SynapseConfigGenerator(RepoRoot.find().resolve("synapse-config"));
    }

    /** The directory holding the source files. */
    public Path configDir() {
        return configDir;
    }

    /** The production configuration as written in {@code homeserver.yaml}. */
    public ObjectNode production() {
        return read(configDir.resolve("homeserver.yaml"));
    }

    /** The overlay as written in {@code test-overlay.yaml}, placeholders unfilled. */
    public ObjectNode overlay() {
        return read(configDir.resolve("test-overlay.yaml"));
    }

    /**
     * The test configuration for one run.
     *
     * @param values per-run values for the placeholders
     * @param limits which rate limits to keep
     * @throws IllegalStateException if the overlay touches a key outside {@link #ALLOWED_TEST_DIFFERENCES}
     *                               or uses an unknown placeholder
     */
    public ObjectNode generate(RunValues values, RateLimits limits) {
        ObjectNode production = production();
        ObjectNode overlay = overlay();
        Set<String> forbidden = new TreeSet<>();
        overlay.fieldNames().forEachRemaining(key -> {
            if (!ALLOWED_TEST_DIFFERENCES.contains(key)) {
                forbidden.add(key);
            }
        });
        if (!forbidden.isEmpty()) {
            throw new IllegalStateException("test-overlay.yaml changes keys that must stay as in production: "
                    + forbidden);
        }
        if (limits != RateLimits.LIFTED) {
            removeRateLimits(overlay);
        }
        if (limits == RateLimits.SYNAPSE_DEFAULTS) {
            removeRateLimits(production);
        }
        for (String key : REPLACED_WHOLE) {
            if (overlay.has(key)) {
                production.remove(key);
            }
        }
        ObjectNode merged = deepMerge(production, overlay);
        fill(merged, values.asMap(configDir));
        return merged;
    }

    /** Writes a configuration as YAML. */
    public static void write(ObjectNode config, Path target) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            YAML.writeValue(target.toFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    /** Reads a YAML file into a tree. */
    public static ObjectNode read(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalStateException(file + " is not a YAML mapping");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The top-level keys whose values differ between two configurations (added or removed keys included). */
    public static Set<String> changedTopLevelKeys(ObjectNode a, ObjectNode b) {
        Set<String> keys = new TreeSet<>();
        a.fieldNames().forEachRemaining(keys::add);
        b.fieldNames().forEachRemaining(keys::add);
        keys.removeIf(key -> a.has(key) && b.has(key) && a.get(key).equals(b.get(key)));
        return keys;
    }

    /** Merges {@code overlay} into a copy of {@code base}: maps recursively, everything else replaced. */
    static ObjectNode deepMerge(ObjectNode base, ObjectNode overlay) {
        ObjectNode result = base.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode current = result.get(entry.getKey());
            if (current instanceof ObjectNode currentMap && entry.getValue() instanceof ObjectNode overlayMap) {
                result.set(entry.getKey(), deepMerge(currentMap, overlayMap));
            } else {
                result.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
        return result;
    }

    private static void removeRateLimits(ObjectNode config) {
        config.properties().removeIf(e -> e.getKey().startsWith("rc_"));
    }

    private static void fill(JsonNode node, Map<String, Object> values) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getValue() instanceof TextNode text) {
                    entry.setValue(substitute(text.textValue(), values));
                } else {
                    fill(entry.getValue(), values);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof TextNode text) {
                    array.set(i, substitute(text.textValue(), values));
                } else {
                    fill(array.get(i), values);
                }
            }
        }
    }

    private static JsonNode substitute(String text, Map<String, Object> values) {
        Matcher whole = PLACEHOLDER.matcher(text);
        if (whole.matches() && values.get(whole.group(1)) instanceof Integer number) {
            return IntNode.valueOf(number);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("Unknown placeholder ${" + m.group(1) + "} in test-overlay.yaml;"
                        + " known: " + values.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
        }
        m.appendTail(out);
        return TextNode.valueOf(out.toString());
    }

    /**
     * The values that differ per run.
     *
     * @param runDir     directory for the database, media, secrets and pid file
     * @param port       TCP port on 127.0.0.1
     * @param serverName the homeserver's server name (the part after the colon in user IDs)
     */
    public record RunValues(Path runDir, int port, String serverName) {
        Map<String, Object> asMap(Path configDir) {
            return Map.of("runDir", runDir.toAbsolutePath().normalize().toString(), "port", port,
                    "serverName", serverName, "configDir", configDir.toString());
        }
    }
}
