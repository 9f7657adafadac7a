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
import java.util.List;
import java.util.Map;
import org.compliancebot.bot.app.BotApplication;
import org.compliancebot.bot.app.StandardModules;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.http.ApiTokens;
import org.compliancebot.bot.watchdog.domain.TaskScheduler;
import org.compliancebot.bridge.api.CreateRoomRequest;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.testkit.js.DeviceIsolation;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;

/**
 * The production bot ({@link StandardModules}: incidents, change requests, the wiring) with its watchdog
 * and HTTP server, against a real Synapse. The cast are matrix-js-sdk clients with Element's crypto,
 * cross-signed and sharing keys only with cross-signed devices: a security lead, a human overseer, a CTO,
 * legal counsel, a compliance manager and a member without a role. The monitoring and oversight rooms
 * (encrypted, ten-year retention) are created before the bot starts, with the lead and overseer in them.
 *
 * <p>API tokens: {@code lead} (write, acts for the security lead), {@code member} (write, acts for the
 * member), {@code agent} (write, acts for the compliance manager: an MCP client), {@code anon} (write,
 * acts for nobody), {@code auditor} (read only).
 */
final class ServiceBot implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String LEAD_TOKEN = "lead-api-token-0001";
    static final String MEMBER_TOKEN = "member-api-token-0001";
    static final String AGENT_TOKEN = "agent-api-token-0001";
    static final String ANON_TOKEN = "anon-api-token-0001";
    static final String AUDITOR_TOKEN = "auditor-api-token-0001";
    static final String WEBHOOK_TOKEN = "ci-webhook-token-0001";
    static final long TEN_YEARS_MS = 315_360_000_000L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final SynapseServer server;
    final Path dir;
    final RegisteredUser bot;
    final RegisteredUser leadAccount;
    final RegisteredUser overseerAccount;
    final RegisteredUser ctoAccount;
    final RegisteredUser legalAccount;
    final RegisteredUser complianceAccount;
    final RegisteredUser memberAccount;
    final JsClient lead;
    final JsClient overseer;
    final JsClient cto;
    final JsClient legal;
    final JsClient compliance;
    final RoomId monitoring;
    final RoomId oversight;
    final String monitoringAlias;
    final String oversightAlias;
    final HttpClient http = HttpClient.newHttpClient();
    private final String storeKey = TestBot.randomKey();
    BotApplication app;

    ServiceBot(SynapseServer server, JsClients js, Path dir) {
        this.server = server;
        this.dir = dir;
        bot = server.registerUniqueUser("bot");
        server.admin().overrideRateLimit(bot.userId(), 0, 0);
        leadAccount = server.registerUniqueUser("lead");
        overseerAccount = server.registerUniqueUser("overseer");
        ctoAccount = server.registerUniqueUser("cto");
        legalAccount = server.registerUniqueUser("legal");
        complianceAccount = server.registerUniqueUser("compliance");
        memberAccount = server.registerUniqueUser("member");
        lead = team(js, leadAccount);
        overseer = team(js, overseerAccount);
        cto = team(js, ctoAccount);
        legal = team(js, legalAccount);
        compliance = team(js, complianceAccount);
        String tag = Long.toHexString(System.nanoTime());
        monitoringAlias = "#monitoring-" + tag + ":" + server.serverName();
        oversightAlias = "#oversight-" + tag + ":" + server.serverName();
        MatrixClient setup = MatrixClient.create(server.baseUrl());
        setup.login(UserId.of(bot.userId()), bot.password(), DeviceId.of("SETUP"), null);
        monitoring = room(setup, "monitoring-" + tag, "Security monitoring");
        oversight = room(setup, "oversight-" + tag, "Human oversight");
        for (JsClient c : List.of(lead, overseer)) {
            c.joinRoom(monitoring.value());
            c.joinRoom(oversight.value());
        }
    }

    private JsClient team(JsClients js, RegisteredUser user) {
        JsClient c = js.encryptedClient(server, user, true);
        c.setDeviceIsolation(DeviceIsolation.ONLY_SIGNED);
        return c;
    }

    private RoomId room(MatrixClient setup, String aliasName, String name) {
        return setup.createRoom(CreateRoomRequest.builder().preset("private_chat").name(name).roomAliasName(aliasName)
                .invite(leadAccount.userId()).invite(overseerAccount.userId())
                .initialState("m.room.retention", "", MAPPER.createObjectNode().put("max_lifetime", TEN_YEARS_MS)).build());
    }

    private String config(String watchdog) throws Exception {
        String yaml = """
                homeserver:
                  url: %s
                bot:
                  user_id: "%s"
                  device_id: SVC%s
                database:
                  url: jdbc:sqlite:%s
                sync:
                  poll_timeout_seconds: 5
                roles:
                  security_lead: ["%s"]
                  human_overseer: ["%s"]
                  cto: ["%s"]
                  legal_counsel: ["%s"]
                  compliance_manager: ["%s"]
                rooms:
                  security_monitoring: "%s"
                  human_oversight: "%s"
                watchdog:
                %s
                  sources:
                    ci: {type: generic, token_sha256: %s}
                http:
                  port: 0
                  tokens:
                    - {name: lead, sha256: %s, scopes: [write], user_id: "%s"}
                    - {name: member, sha256: %s, scopes: [write], user_id: "%s"}
                    - {name: agent, sha256: %s, scopes: [incidents:write, approvals:write, changes:read], user_id: "%s"}
                    - {name: anon, sha256: %s, scopes: [write]}
                    - {name: auditor, sha256: %s, scopes: [read]}
                """.formatted(server.baseUrl(), bot.userId(), Integer.toHexString(bot.localpart().hashCode()), dir.resolve("bot.db"),
                leadAccount.userId(), overseerAccount.userId(), ctoAccount.userId(), legalAccount.userId(), complianceAccount.userId(),
                monitoringAlias, oversightAlias, watchdog.indent(2).stripTrailing(), ApiTokens.sha256Hex(WEBHOOK_TOKEN),
                ApiTokens.sha256Hex(LEAD_TOKEN), leadAccount.userId(), ApiTokens.sha256Hex(MEMBER_TOKEN), memberAccount.userId(),
                ApiTokens.sha256Hex(AGENT_TOKEN), complianceAccount.userId(), ApiTokens.sha256Hex(ANON_TOKEN),
                ApiTokens.sha256Hex(AUDITOR_TOKEN));
        Files.writeString(dir.resolve("services.yaml"), yaml);
        return yaml;
    }

    /** Starts the bot with the standard modules; {@code scheduler} may be null for real timers. */
    BotApplication start(String watchdog, Clock clock, TaskScheduler scheduler) throws Exception {
        app = new BotApplication(new ConfigLoader().parse(config(watchdog)),
                new Secrets(Map.of(Secrets.PASSWORD, bot.password(), Secrets.STORE_KEY, storeKey)), clock);
        StandardModules.all().forEach(app::with);
        if (scheduler != null) {
            app.useWatchdogScheduler(scheduler);
        }
        app.start();
        return app;
    }

    /** The configuration file the bot runs with. */
    Path configFile() {
        return dir.resolve("services.yaml");
    }

    /** The secrets an operator gives the command line, as environment variables. */
    Map<String, String> cliEnvironment() {
        return Map.of(Secrets.PASSWORD, bot.password(), Secrets.STORE_KEY, storeKey);
    }

    String base() {
        return "http://127.0.0.1:" + app.http().port();
    }

    HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String body) throws Exception {
        return send("POST", path, token, body, Map.of());
    }

    /** A JSON answer that must have {@code status}. */
    JsonNode expect(int status, HttpResponse<String> r) throws Exception {
        if (r.statusCode() != status) {
            throw new AssertionError(r.request().method() + " " + r.request().uri() + " answered " + r.statusCode()
                    + " instead of " + status + ": " + r.body());
        }
        return MAPPER.readTree(r.body());
    }

    JsonNode get(String path, String token) throws Exception {
        return expect(200, send("GET", path, token, null, Map.of()));
    }

    String metrics() throws Exception {
        return send("GET", "/metrics", null, null, Map.of()).body();
    }

    /** The value of one sample in the {@code /metrics} text, or null when it is absent. */
    Double metric(String sample) throws Exception {
        for (String line : metrics().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).strip());
            }
        }
        return null;
    }

    /** The type of an event as the homeserver stores it ({@code m.room.encrypted} for an encrypted one), or null. */
    String typeOnServer(RoomId room, String eventId) {
        String from = null;
        do {
            var page = app.client().messages(room, from, org.compliancebot.bridge.api.Direction.BACKWARD, 100, null);
            for (JsonNode e : page.chunk()) {
                if (eventId.equals(e.path("event_id").asText())) {
                    return e.path("type").asText();
                }
            }
            from = page.end();
        } while (from != null);
        return null;
    }

    static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        TestBot.await(what, WAIT, condition);
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
    }
}
