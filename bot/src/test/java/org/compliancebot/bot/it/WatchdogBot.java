package org.compliancebot.bot.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancebot.bot.app.BotApplication;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.http.ApiTokens;
import org.compliancebot.bot.watchdog.domain.TaskScheduler;
import org.compliancebot.bridge.api.Direction;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;

/**
 * The bot with its watchdog and HTTP server, against a real Synapse, for the watchdog acceptance tests.
 * A human (a JS client) creates the monitoring and oversight rooms, with a ten-year retention policy,
 * and invites the bot; the homeserver encrypts them by default.
 */
final class WatchdogBot implements AutoCloseable {
    static final String PROM_TOKEN = "prom-webhook-token-1";
    static final String GENERIC_TOKEN = "generic-webhook-token-1";
    static final String ADMIN_TOKEN = "admin-api-token-1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final SynapseServer server;
    final RegisteredUser account;
    final Path dir;
    final String monitoringAlias;
    final String oversightAlias;
    final RoomId monitoring;
    final RoomId oversight;
    final HttpClient http = HttpClient.newHttpClient();
    BotApplication app;

    /** Creates the two rooms as {@code human} and invites the bot to both. */
    WatchdogBot(SynapseServer server, RegisteredUser account, JsClient human, Path dir) {
        this.server = server;
        this.account = account;
        this.dir = dir;
        String tag = Long.toHexString(System.nanoTime());
        monitoringAlias = "#monitoring-" + tag + ":" + server.serverName();
        oversightAlias = "#oversight-" + tag + ":" + server.serverName();
        monitoring = RoomId.of(room(human, "monitoring-" + tag, "Security monitoring", account.userId()));
        oversight = RoomId.of(room(human, "oversight-" + tag, "Human oversight", account.userId()));
    }

    static String room(JsClient human, String aliasName, String name, String invite) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("name", name);
        options.put("preset", "private_chat");
        options.put("room_alias_name", aliasName);
        options.put("invite", List.of(invite));
        options.put("initial_state", List.of(Map.of("type", "m.room.retention", "state_key", "",
                "content", Map.of("max_lifetime", 315_360_000_000L))));
        return human.createRoom(options);
    }

    String config(String extraWatchdog, String overseer) throws Exception {
        String yaml = """
                homeserver:
                  url: %s
                bot:
                  user_id: "%s"
                  device_id: WD%s
                database:
                  url: jdbc:sqlite:%s
                sync:
                  poll_timeout_seconds: 5
                roles:
                  human_overseer: ["%s"]
                rooms:
                  security_monitoring: "%s"
                  human_oversight: "%s"
                watchdog:
                %s
                  sources:
                    prometheus: {type: alertmanager, token_sha256: %s}
                    ci: {type: generic, token_sha256: %s}
                http:
                  port: 0
                  tokens:
                    - {name: admin, sha256: %s, scopes: [write]}
                """.formatted(server.baseUrl(), account.userId(), Integer.toHexString(account.localpart().hashCode()),
                dir.resolve("bot.db"), overseer, monitoringAlias, oversightAlias, extraWatchdog.indent(2).stripTrailing(),
                ApiTokens.sha256Hex(PROM_TOKEN), ApiTokens.sha256Hex(GENERIC_TOKEN), ApiTokens.sha256Hex(ADMIN_TOKEN));
        Path file = dir.resolve("watchdog.yaml");
        Files.writeString(file, yaml);
        return yaml;
    }

    /** Starts the bot; {@code scheduler} may be null for real timers. */
    BotApplication start(String extraWatchdog, String overseer, Clock clock, TaskScheduler scheduler) throws Exception {
        app = new BotApplication(new ConfigLoader().parse(config(extraWatchdog, overseer)),
                new Secrets(Map.of(Secrets.PASSWORD, account.password(), Secrets.STORE_KEY, TestBot.randomKey())), clock);
        if (scheduler != null) {
            app.useWatchdogScheduler(scheduler);
        }
        app.start();
        return app;
    }

    String base() {
        return "http://127.0.0.1:" + app.http().port();
    }

    HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode api(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return MAPPER.readTree(r.body());
    }

    JsonNode alert(long id) throws Exception {
        return api("/api/v1/alerts/" + id);
    }

    /** Every event in the room, oldest first, as the server returns it to the bot. */
    List<JsonNode> roomEvents(RoomId room) {
        List<JsonNode> out = new ArrayList<>();
        String from = null;
        do {
            var page = app.client().messages(room, from, Direction.BACKWARD, 100, null);
            out.addAll(page.chunk());
            from = page.end();
        } while (from != null);
        java.util.Collections.reverse(out);
        return out;
    }

    /** The bot's own messages in the room that are neither edits nor thread replies. */
    List<JsonNode> botPosts(RoomId room) {
        return roomEvents(room).stream()
                .filter(e -> "m.room.message".equals(e.path("type").asText()) && account.userId().equals(e.path("sender").asText()))
                .filter(e -> !e.path("content").has("m.relates_to"))
                .toList();
    }

    static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        TestBot.await(what, timeout, condition);
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
    }
}
