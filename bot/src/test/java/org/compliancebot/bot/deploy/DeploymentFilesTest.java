package org.compliancebot.bot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose stack, its environment file and Element's configuration, checked as files. */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of(System.getProperty("compliancebot.repoRoot", ".."));
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|_KEY)$");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    private JsonNode compose() throws Exception {
        return yaml.readTree(ROOT.resolve("docker-compose.yml").toFile());
    }

    @Test
    void everyImageIsPinnedAndEveryLongRunningServiceHasAHealthcheck() throws Exception {
        JsonNode services = compose().path("services");
        assertThat(services.fieldNames()).toIterable().contains("synapse", "postgres", "element", "bot");
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            JsonNode svc = s.getValue();
            if (svc.has("build")) {
                continue;
            }
            String image = svc.path("image").asText();
            assertThat(image).as("image of " + s.getKey()).matches(".+:[^:]+$").doesNotEndWith(":latest");
            assertThat(image.substring(image.lastIndexOf(':') + 1)).as("tag of " + s.getKey()).matches(".*\\d.*");
        }
        for (String name : List.of("synapse", "postgres", "element", "bot")) {
            assertThat(services.path(name).has("healthcheck")).as(name + " has a healthcheck").isTrue();
        }
        assertThat(services.path("synapse").path("depends_on").path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
        assertThat(services.path("bot").path("depends_on").path("synapse").path("condition").asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void onlyElementAndTheClientPortArePublished() throws Exception {
        JsonNode services = compose().path("services");
        Set<String> published = new LinkedHashSet<>();
        services.fields().forEachRemaining(s -> {
            if (s.getValue().has("ports")) {
                published.add(s.getKey());
            }
        });
        assertThat(published).containsExactlyInAnyOrder("synapse", "element");
        assertThat(services.path("synapse").path("ports").get(0).asText()).endsWith(":8008");
    }

    @Test
    void noSecretLiteralAndEveryVariableIsDocumented() throws Exception {
        String text = Files.readString(ROOT.resolve("docker-compose.yml"));
        JsonNode services = compose().path("services");
        List<String> literals = new ArrayList<>();
        services.fields().forEachRemaining(s -> s.getValue().path("environment").fields().forEachRemaining(e -> {
            if (SECRET_NAME.matcher(e.getKey()).matches() && !e.getValue().asText().startsWith("${")) {
                literals.add(s.getKey() + "." + e.getKey());
            }
        }));
        assertThat(literals).as("secret-looking variables must come from .env").isEmpty();

        Set<String> used = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            used.add(m.group(1));
        }
        String example = Files.readString(ROOT.resolve(".env.example"));
        for (String v : used) {
            assertThat(example).as(".env.example documents " + v).containsPattern("(?m)^" + v + "=");
        }
        assertThat(Files.readString(ROOT.resolve(".gitignore"))).containsPattern("(?m)^\\.env$");
    }

    @Test
    void dockerComposeAcceptsTheFileWithTheExampleEnvironment(@TempDir Path dir) throws Exception {
        Files.copy(ROOT.resolve(".env.example"), dir.resolve(".env"));
        Process p = new ProcessBuilder("docker", "compose", "--project-directory", ROOT.toString(),
                "--env-file", dir.resolve(".env").toString(), "-f", ROOT.resolve("docker-compose.yml").toString(),
                "config", "--quiet").redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(done).isTrue();
        assertThat(p.exitValue()).as("docker compose config: " + out).isZero();
    }

    @Test
    void theComposeBotConfigurationIsValid() throws Exception {
        var config = new org.compliancebot.bot.config.ConfigLoader().load(ROOT.resolve("deploy/bot-config.yaml"));
        assertThat(config.http().port()).isEqualTo(8090);
        assertThat(compose().toString()).contains("8090/health");
    }

    @Test
    void elementIsLockedToTheComposeHomeserver() throws Exception {
        JsonNode element = new ObjectMapper().readTree(ROOT.resolve("element-config.json").toFile());
        assertThat(element.at("/default_server_config/m.homeserver/base_url").asText()).isEqualTo("http://localhost:8008");
        assertThat(element.path("disable_custom_urls").asBoolean()).isTrue();
        assertThat(element.path("disable_guests").asBoolean()).isTrue();
        assertThat(element.path("setting_defaults").path("UIFeature.registration").asBoolean(true)).isFalse();
        assertThat(element.at("/default_server_config/io.element.e2ee/default").asBoolean()).isTrue();
    }
}
