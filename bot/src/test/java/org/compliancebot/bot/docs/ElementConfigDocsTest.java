package org.compliancebot.bot.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every setting of element-config.json (nested objects flattened, e.g. {@code setting_defaults.UIFeature.voip}) is explained in docs/element.md. */
class ElementConfigDocsTest {
    /** Adds the path of every key under {@code node}: objects and their keys; an array's objects as {@code key[].inner}. */
    static Set<String> keyPaths(JsonNode node, String prefix, Set<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = prefix + e.getKey();
                out.add(path);
                keyPaths(e.getValue(), path + ".", out);
            }
        } else if (node.isArray()) {
            String array = prefix.substring(0, prefix.length() - 1) + "[].";
            node.forEach(element -> keyPaths(element, array, out));
        }
        return out;
    }

    @Test
    void everySettingOfTheElementConfigurationIsExplained() throws Exception {
        JsonNode config = new ObjectMapper().readTree(ConfigReferenceTest.ROOT.resolve("element-config.json").toFile());
        Set<String> paths = keyPaths(config, "", new TreeSet<>());
        String doc = Files.readString(ConfigReferenceTest.ROOT.resolve("docs/element.md"));
        Set<String> missing = new TreeSet<>();
        for (String p : paths) {
            if (!doc.contains("`" + p + "`")) {
                missing.add(p);
            }
        }
        assertThat(paths).as("settings in element-config.json").contains("setting_defaults.UIFeature.voip",
                "default_server_config.m.homeserver.base_url");
        assertThat(missing).as("settings of element-config.json that docs/element.md does not name in backticks").isEmpty();
    }

    @Test
    void nestedObjectsAndArraysAreFlattened() throws Exception {
        JsonNode sample = new ObjectMapper().readTree("""
                {"a": {"b.c": {"d": 1}}, "list": [{"x": 1}, {"y": 2}], "empty": []}""");
        assertThat(keyPaths(sample, "", new TreeSet<>())).containsExactly("a", "a.b.c", "a.b.c.d", "empty", "list",
                "list[].x", "list[].y");
    }
}
