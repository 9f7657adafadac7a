package org.compliancebot.testkit.synapse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.compliancebot.testkit.internal.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production homeserver.yaml is accepted by the pinned Synapse, with inline secrets forbidden.
 * Only the container paths are moved into a temporary directory, so that the files they name exist.
 */
class ProductionConfigValidatesTest {

    @Test
    void pinnedSynapseAcceptsTheProductionFile(@TempDir Path dir) throws IOException {
        ObjectNode production = SynapseConfigGenerator.fromRepository().production();
        Path configDir = SynapseConfigGenerator.fromRepository().configDir();
        relocate(production, Map.of("/secrets/", dir.resolve("secrets") + "/", "/data/", dir.resolve("data") + "/",
                "/config/", configDir + "/"));
        Files.createDirectories(dir.resolve("secrets"));
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("secrets/macaroon_secret_key"), "m".repeat(64));
        Files.writeString(dir.resolve("secrets/form_secret"), "f".repeat(64));
        Path config = dir.resolve("homeserver.yaml");
        SynapseConfigGenerator.write(production, config);
        String python = SynapseInstaller.ensureInstalled().toString();

        Processes.Result keys = Processes.run(List.of(python, "-m", "synapse.app.homeserver", "-c", config.toString(),
                "--generate-keys"), dir, Duration.ofMinutes(2));
        Processes.Result read = Processes.run(List.of(python, "-m", "synapse.config", "read", "retention",
                "-c", config.toString(), "--no-secrets-in-config"), dir, Duration.ofMinutes(2));

        assertThat(keys.ok()).as(keys.output()).isTrue();
        assertThat(read.ok()).as(read.output()).isTrue();
        assertThat(read.output()).contains("Config parses OK!");
    }

    private static void relocate(JsonNode node, Map<String, String> prefixes) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getValue() instanceof TextNode text) {
                    for (Map.Entry<String, String> prefix : prefixes.entrySet()) {
                        if (text.textValue().startsWith(prefix.getKey())) {
                            entry.setValue(TextNode.valueOf(prefix.getValue()
                                    + text.textValue().substring(prefix.getKey().length())));
                        }
                    }
                } else {
                    relocate(entry.getValue(), prefixes);
                }
            }
        }
    }
}
