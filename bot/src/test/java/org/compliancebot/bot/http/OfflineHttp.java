package org.compliancebot.bot.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.compliancebot.bot.app.EventRouter;
import org.compliancebot.bot.app.wiring.ServiceWiring;
import org.compliancebot.bot.change.store.ChangeStore;
import org.compliancebot.bot.change.workflow.WorkflowPolicy;
import org.compliancebot.bot.config.ChangeSettings;
import org.compliancebot.bot.incident.matrix.IncidentSetup;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.watchdog.WatchdogModule;
import org.compliancebot.bot.watchdog.testing.FakeClock;
import org.compliancebot.bot.watchdog.testing.ManualScheduler;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.outbox.Outbox;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;

/**
 * The HTTP face with a real watchdog and store but no homeserver: for protocol tests (OpenAPI, MCP,
 * webhook refusals). Nothing is posted because the poster is not started.
 */
final class OfflineHttp implements AutoCloseable {
    static final String ADMIN = "admin-token-0123456789";
    static final String AUDITOR = "auditor-token-0123456789";
    static final String PROM = "prom-token-0123456789";
    static final String GENERIC = "generic-token-0123456789";
    static final String HMAC = "hmac-secret-0123456789";

    final Database db;
    final WatchdogModule watchdog;
    final HttpServerModule http;
    final FakeClock clock = FakeClock.atNow();
    final HttpClient client = HttpClient.newHttpClient();

    OfflineHttp(Path dir, int maxBody) {
        this(dir, maxBody, false);
    }

    /**
     * @param services true to bind the real incident, change request and approval services (on this
     *                 store, with nothing posted), as the running bot does; false to leave them absent
     */
    OfflineHttp(Path dir, int maxBody, boolean services) {
        String yaml = """
                homeserver: {url: "http://127.0.0.1:9"}
                bot: {user_id: "@bot:localhost", device_id: BOT}
                database: {url: "jdbc:sqlite:%s"}
                roles: {security_lead: ["@lead:localhost"]}
                rooms: {security_monitoring: "#mon:localhost", human_oversight: "#oversight:localhost"}
                watchdog:
                  self_check: {enabled: false}
                  sources:
                    prom: {type: alertmanager, token_sha256: %s}
                    generic: {type: generic, token_sha256: %s}
                    signed: {type: generic, hmac_secret_env: WD_TEST_HMAC}
                http:
                  port: 0
                  max_body_bytes: %d
                  tokens:
                    - {name: admin, sha256: %s, scopes: [write], user_id: "@lead:localhost"}
                    - {name: auditor, sha256: %s, scopes: [read]}
                """.formatted(dir.resolve("http.db"), ApiTokens.sha256Hex(PROM), ApiTokens.sha256Hex(GENERIC), maxBody,
                ApiTokens.sha256Hex(ADMIN), ApiTokens.sha256Hex(AUDITOR));
        BotConfig config = new ConfigLoader().parse(yaml);
        Secrets secrets = new Secrets(Map.of("WD_TEST_HMAC", HMAC));
        db = Database.openSqlite(dir.resolve("http.db"));
        Migrations.migrate(db, "bridge", getClass().getClassLoader());
        Migrations.migrate(db, "bot", getClass().getClassLoader());
        MatrixClient matrix = MatrixClient.create("http://127.0.0.1:9");
        Outbox outbox = new Outbox(db, matrix, clock);
        EventRouter router = new EventRouter(UserId.of("@bot:localhost"), outbox, clock);
        watchdog = WatchdogModule.create(config, secrets, clock, new ManualScheduler(clock), db, matrix, outbox, router,
                UserId.of("@bot:localhost")).orElseThrow();
        http = HttpServerModule.start(config.http(), secrets, clock, db, null, null, null, watchdog);
        if (services) {
            ChangeStore changes = new ChangeStore(db, clock, UserId.of("@bot:localhost"), ChangeSettings.roleDirectory(config),
                    ChangeSettings.approvalPolicy(config.change()), WorkflowPolicy.defaults(), ChangeSettings.timerPolicy(config.change()));
            ServiceWiring.bind(http.services(), config.http(), "localhost", clock, IncidentSetup.service(db, config, clock), changes,
                    null, null);
        }
    }

    String base() {
        return "http://127.0.0.1:" + http.port();
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
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String body) throws Exception {
        return send("POST", path, token, body, Map.of());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null, Map.of());
    }

    @Override
    public void close() {
        http.close();
        watchdog.close();
        db.close();
    }
}
