package org.compliancebot.bot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.watchdog.WatchdogModule;
import org.compliancebot.bot.watchdog.testing.FakeClock;
import org.compliancebot.bot.watchdog.testing.ManualScheduler;
import org.compliancebot.bridge.api.HttpTransport;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.RetryPolicy;
import org.compliancebot.bridge.api.Session;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.outbox.Outbox;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;
import org.compliancebot.bridge.sync.SyncBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code !help} lists what the modules registered: the production modules and the watchdog, started on
 * a real SQLite store without a homeserver (nothing is sent; the reply is read from the outbox).
 */
class HelpCommandTest {
    private static final UserId BOT = UserId.of("@bot:localhost");
    private static final UserId ALICE = UserId.of("@alice:localhost");
    private static final RoomId ROOM = RoomId.of("!room:localhost");
    private final ObjectMapper json = new ObjectMapper();
    private final FakeClock clock = FakeClock.atNow();

    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommandThatTheRunningModulesRegistered() throws Exception {
        BotConfig config = new ConfigLoader().parse("""
                homeserver: {url: "http://127.0.0.1:9"}
                bot: {user_id: "@bot:localhost", device_id: BOT}
                database: {url: "jdbc:sqlite:%s"}
                roles: {security_lead: ["@alice:localhost"]}
                rooms: {security_monitoring: "#monitoring:localhost"}
                watchdog:
                  self_check: {enabled: false}
                """.formatted(dir.resolve("bot.db")));
        Secrets secrets = new Secrets(Map.of(Secrets.STORE_KEY, "c3RvcmUta2V5LWZvci10aGUtaGVscC10ZXN0LTAwMDA="));
        try (Database db = Database.openSqlite(dir.resolve("bot.db"))) {
            Migrations.migrate(db, "bridge", getClass().getClassLoader());
            Migrations.migrate(db, "bot", getClass().getClassLoader());
            // Nothing listens there: the alias lookup at start fails at once, and nothing is sent.
            MatrixClient client = new MatrixClient(new HttpTransport("http://127.0.0.1:9", json), RetryPolicy.NONE);
            Outbox outbox = new Outbox(db, client, clock);
            EventRouter router = new EventRouter(BOT, outbox, clock);
            WatchdogModule watchdog = WatchdogModule.create(config, secrets, clock, new ManualScheduler(clock), db, client,
                    outbox, router, BOT).orElseThrow();
            BotContext context = new BotContext(config, secrets, clock, db, client,
                    new Session(BOT, DeviceId.of("BOT"), "token"), outbox, router, null, null, watchdog, null);
            List<BotModule> started = new ArrayList<>();
            try {
                for (BotModule module : StandardModules.all()) {
                    module.start(context);
                    started.add(module);
                }

                RoomEvent ask = message("!help");
                db.inTransactionVoid(tx -> router.apply(batch(ask), tx));
                JsonNode reply = lastQueued(db);

                String body = reply.path("body").asText();
                List<String> lines = body.lines().toList();
                assertThat(router.commandNames()).as("what the modules registered")
                        .contains("ping", "help", "incident", "severity", "assign", "timeline", "checklist", "check",
                                "status", "resolve", "close", "cr", "evidence", "ack");
                for (String name : router.commandNames()) {
                    assertThat(lines).as("!help lists !%s", name).anyMatch(l -> l.matches("!" + name + "\\b.*"));
                }
                assertThat(body).contains("!cr new <summary>", "!incident open <severity> <title>",
                        "!evidence validate <event id>", "!ack [<alert number>", "!ping", "APPROVED, or REJECTED: <reason>");
                assertThat(reply.path("formatted_body").asText()).contains("<code>!cr submit DRAFT-n</code>",
                        "<code>!ack [&lt;alert number&gt;");
                assertThat(reply.path("m.relates_to").path("m.in_reply_to").path("event_id").asText())
                        .isEqualTo(ask.eventId().value());
            } finally {
                for (int i = started.size() - 1; i >= 0; i--) {
                    started.get(i).stop();
                }
                watchdog.close();
            }
        }
    }

    @Test
    void aCommandRegisteredLaterIsListedWithItsUsageAndOneWithoutItsNameIsRefused() {
        try (Database db = Database.openSqlite(dir.resolve("router.db"))) {
            EventRouter router = new EventRouter(BOT, new Outbox(db, MatrixClient.create("http://127.0.0.1:9"), clock), clock);
            router.command("Deploy", "!deploy <service>: roll out a service\n  (needs an approved change request)",
                    (msg, args, tx) -> null);

            String body = router.help().body();

            assertThat(router.commandNames()).containsExactly("ping", "help", "deploy");
            assertThat(body).isEqualTo("""
                    Commands:
                    !ping: check that the bot is listening (it answers pong)
                    !help: list these commands
                    !deploy <service>: roll out a service
                      (needs an approved change request)""");
            assertThatThrownBy(() -> router.command("undo", "revert the last change", (msg, args, tx) -> null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("!undo");
            assertThat(router.commandNames()).doesNotContain("undo");
        }
    }

    private RoomEvent message(String body) throws Exception {
        ObjectNode e = json.createObjectNode();
        e.put("event_id", "$help-" + System.nanoTime());
        e.put("room_id", ROOM.value());
        e.put("sender", ALICE.value());
        e.put("type", "m.room.message");
        e.put("origin_server_ts", clock.millis());
        e.putObject("content").put("msgtype", "m.text").put("body", body);
        return RoomEvent.parse(ROOM, e);
    }

    private static SyncBatch batch(RoomEvent event) {
        return new SyncBatch("s0", "s1", List.of(event), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                Map.of(), null);
    }

    private JsonNode lastQueued(Database db) throws Exception {
        String content = db.inTransaction(tx -> {
            try (var ps = tx.prepareStatement("SELECT content FROM outbox ORDER BY seq DESC LIMIT 1");
                 var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
        assertThat(content).as("a reply was queued").isNotNull();
        return json.readTree(content);
    }
}
