package org.compliancebot.bot.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.compliancebot.bot.config.BotConfig;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference in docs/operator-guide.md against the configuration classes: every key
 * the classes accept is documented, and every documented key exists.
 */
class ConfigReferenceTest {
    /** The repository root, where README.md and docs/ are. */
    static final Path ROOT = Path.of(System.getProperty("compliancebot.repoRoot", ".."));
    /** A table row whose first cell is a backticked key: | `a.b` | ... */
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z_][a-z0-9_.<>\\[\\]]*)` \\|");

    static Set<String> keysOf(Class<?> type, String prefix, Set<String> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
            if (p == null) {
                p = c.getAnnotation(JsonProperty.class);
            }
            String name = p != null && !p.value().isEmpty() ? p.value() : c.getName();
            walk(c.getGenericType(), prefix + name, out);
        }
        return out;
    }

    private static void walk(Type t, String key, Set<String> out) {
        Class<?> raw = t instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) t;
        if (raw.isRecord()) {
            keysOf(raw, key + ".", out);
        } else if (Map.class.isAssignableFrom(raw) && t instanceof ParameterizedType pt) {
            Type value = pt.getActualTypeArguments()[1];
            Class<?> v = value instanceof ParameterizedType vp ? (Class<?>) vp.getRawType() : (Class<?>) value;
            if (v.isRecord()) {
                keysOf(v, key + ".<name>.", out);
            } else {
                out.add(key + ".<name>");
            }
        } else if (List.class.isAssignableFrom(raw) && t instanceof ParameterizedType pt
                && pt.getActualTypeArguments()[0] instanceof Class<?> e && e.isRecord()) {
            keysOf(e, key + "[].", out);
        } else {
            out.add(key);
        }
    }

    @Test
    void theOperatorGuideDocumentsExactlyTheKeysTheBotAccepts() throws Exception {
        Set<String> code = keysOf(BotConfig.class, "", new TreeSet<>());
        String guide = Files.readString(ROOT.resolve("docs/operator-guide.md"));
        Set<String> documented = new TreeSet<>();
        Matcher m = ROW.matcher(guide);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> undocumented = new TreeSet<>(code);
        undocumented.removeAll(documented);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(code);
        assertThat(undocumented).as("keys the bot accepts but docs/operator-guide.md does not document").isEmpty();
        assertThat(unknown).as("keys docs/operator-guide.md documents but the bot does not accept").isEmpty();
    }
}
