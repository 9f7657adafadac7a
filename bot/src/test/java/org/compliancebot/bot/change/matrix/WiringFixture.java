package org.compliancebot.bot.change.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.compliancebot.bot.app.EventRouter;
import org.compliancebot.bot.change.store.ChangeStore;
import org.compliancebot.bot.change.workflow.TimerPolicy;
import org.compliancebot.bot.change.workflow.WorkflowPolicy;
import org.compliancebot.bot.oversight.ApprovalPolicy;
import org.compliancebot.bot.testing.MutableClock;
import org.compliancebot.bot.testing.People;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.outbox.Outbox;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;
import org.compliancebot.bridge.sync.SyncBatch;
import org.compliancebot.testkit.db.TestDatabase;

/**
 * The change module's wiring over a real store (SQLite or PostgreSQL), router and outbox, fed with room events as the
 * sync engine would hand them over, in fake time. Nothing goes to a server: {@link #sendQueued()} plays
 * the homeserver by giving each queued event an id.
 */
final class WiringFixture implements AutoCloseable {
    static final RoomId OVERSIGHT = RoomId.of("!oversight:example.org");
    static final RoomId MONITORING = RoomId.of("!monitoring:example.org");
    static final RoomId OTHER = RoomId.of("!other:example.org");

    final ObjectMapper json = new ObjectMapper();
    final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    final TestDatabase database;
    final Map<UserId, SenderDeviceInfo.SenderDevice> devices = new HashMap<>();
    Database db;
    ChangeStore store;
    Outbox outbox;
    EventRouter router;
    NotificationDispatcher dispatcher;
    TimerDriver timers;
    private int events;

    WiringFixture(TestDatabase database) {
        this.database = database;
        open();
    }

    private void open() {
        db = Database.open(database.url(), database.user(), database.password());
        Migrations.migrate(db, "bridge", getClass().getClassLoader());
        Migrations.migrate(db, "bot", getClass().getClassLoader());
        store = new ChangeStore(db, clock, People.BOT, People.directory(), ApprovalPolicy.defaults(),
                WorkflowPolicy.defaults(), TimerPolicy.defaults());
        outbox = new Outbox(db, MatrixClient.create("http://127.0.0.1:9"), clock);
        router = new EventRouter(People.BOT, outbox, clock);
        dispatcher = new NotificationDispatcher(store, outbox, OVERSIGHT, new RoomAlertSink(db, outbox, MONITORING));
        router.listener(new MembershipTracker(store.membership()));
        SenderDeviceInfo info = e -> devices.getOrDefault(e.sender(), SenderDeviceInfo.SenderDevice.UNKNOWN);
        router.listener(new DecisionListener(store, outbox, dispatcher, info, People.BOT));
        new ChangeCommands(store, dispatcher).register(router);
        timers = new TimerDriver(store, dispatcher, clock, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /** As after a restart of the bot: everything rebuilt over the same database. */
    void restart() {
        db.close();
        open();
    }

    /** Every sender decides from a cross-signed device with a stable master key. */
    void crossSignAll(UserId... users) {
        for (UserId u : users) {
            devices.put(u, new SenderDeviceInfo.SenderDevice(org.compliancebot.bridge.id.DeviceId.of("DEV" + u.localpart()),
                    true, "master-" + u.localpart()));
        }
    }

    /** Applies events as one sync batch, in one transaction. */
    void apply(RoomEvent... timeline) {
        db.inTransactionVoid(c -> router.apply(batch(List.of(timeline)), c));
    }

    static SyncBatch batch(List<RoomEvent> timeline) {
        return new SyncBatch("s0", "s1", timeline, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), null);
    }

    RoomEvent event(RoomId room, UserId sender, String type, String stateKey, ObjectNode content) {
        ObjectNode e = json.createObjectNode();
        e.put("event_id", "$e" + (++events) + "-" + System.nanoTime());
        e.put("room_id", room.value());
        e.put("sender", sender.value());
        e.put("type", type);
        if (stateKey != null) {
            e.put("state_key", stateKey);
        }
        e.put("origin_server_ts", clock.millis());
        e.set("content", content);
        try {
            return RoomEvent.parse(room, e);
        } catch (org.compliancebot.bridge.event.MalformedEventException ex) {
            throw new IllegalStateException(ex);
        }
    }

    RoomEvent join(UserId user) {
        return event(OVERSIGHT, user, "m.room.member", user.value(), json.createObjectNode().put("membership", "join"));
    }

    RoomEvent leave(UserId user) {
        return event(OVERSIGHT, user, "m.room.member", user.value(), json.createObjectNode().put("membership", "leave"));
    }

    RoomEvent text(RoomId room, UserId sender, String body) {
        return event(room, sender, "m.room.message", null, json.createObjectNode().put("msgtype", "m.text").put("body", body));
    }

    RoomEvent reply(RoomId room, UserId sender, EventId to, String body) {
        ObjectNode c = json.createObjectNode().put("msgtype", "m.text").put("body", body);
        c.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", to.value());
        return event(room, sender, "m.room.message", null, c);
    }

    RoomEvent threadMessage(UserId sender, EventId root, String body) {
        ObjectNode c = json.createObjectNode().put("msgtype", "m.text").put("body", body);
        ObjectNode rel = c.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", root.value())
                .put("is_falling_back", true);
        rel.putObject("m.in_reply_to").put("event_id", root.value());
        return event(OVERSIGHT, sender, "m.room.message", null, c);
    }

    RoomEvent edit(UserId sender, EventId original, String newBody) {
        ObjectNode c = json.createObjectNode().put("msgtype", "m.text").put("body", "* " + newBody);
        c.putObject("m.new_content").put("msgtype", "m.text").put("body", newBody);
        c.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", original.value());
        return event(OVERSIGHT, sender, "m.room.message", null, c);
    }

    RoomEvent redaction(UserId sender, EventId target) {
        return event(OVERSIGHT, sender, "m.room.redaction", null, json.createObjectNode().put("redacts", target.value()));
    }

    RoomEvent reaction(UserId sender, EventId target, String key) {
        ObjectNode c = json.createObjectNode();
        c.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", target.value()).put("key", key);
        return event(OVERSIGHT, sender, "m.reaction", null, c);
    }

    /** A queued outgoing event. */
    record Sent(String key, RoomId room, JsonNode content, EventId eventId) {
        String body() {
            return content.path("body").asText();
        }

        String threadRoot() {
            JsonNode rel = content.path("m.relates_to");
            return "m.thread".equals(rel.path("rel_type").asText()) ? rel.path("event_id").asText() : null;
        }
    }

    /** Plays the homeserver: every queued event gets an event id, as if the outbox had sent it. */
    void sendQueued() {
        db.inTransactionVoid(c -> {
            try (var ps = c.prepareStatement("UPDATE outbox SET event_id = '$sent' || seq, sent_at = 0 WHERE event_id IS NULL")) {
                ps.executeUpdate();
            }
        });
    }

    List<Sent> outbox() {
        return db.inTransaction(c -> {
            List<Sent> out = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT idempotency_key, room_id, content, event_id FROM outbox ORDER BY seq");
                 var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String ev = rs.getString(4);
                    try {
                        out.add(new Sent(rs.getString(1), RoomId.of(rs.getString(2)), json.readTree(rs.getString(3)),
                                ev == null ? null : EventId.of(ev)));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return out;
        });
    }

    Sent last() {
        List<Sent> all = outbox();
        return all.get(all.size() - 1);
    }

    /** Sends {@code !cr ...} as {@code sender} in the oversight room and returns the bot's reply text. */
    String command(UserId sender, String text) {
        RoomEvent e = text(OVERSIGHT, sender, text);
        apply(e);
        return outbox().stream().filter(s -> s.key().equals("reply:" + e.eventId().value())).findFirst()
                .map(Sent::body).orElseThrow(() -> new AssertionError("no reply to " + text));
    }

    @Override
    public void close() {
        timers.close();
        db.close();
    }
}
