package org.compliancebot.bot.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.compliancebot.bot.app.ChatCommand;
import org.compliancebot.bot.watchdog.domain.AlertStatus;
import org.compliancebot.bot.watchdog.domain.Deduplicator;
import org.compliancebot.bot.watchdog.domain.EscalationPolicy;
import org.compliancebot.bot.watchdog.domain.IncomingAlert;
import org.compliancebot.bot.watchdog.domain.Level;
import org.compliancebot.bot.watchdog.domain.StoredAlert;
import org.compliancebot.bot.watchdog.matrix.AckHandler;
import org.compliancebot.bot.watchdog.selfcheck.PendingApprovals;
import org.compliancebot.bot.watchdog.selfcheck.SelfChecks;
import org.compliancebot.bot.watchdog.store.AlertStore;
import org.compliancebot.bot.watchdog.testing.FakeClock;
import org.compliancebot.bot.watchdog.testing.ManualScheduler;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;
import org.compliancebot.testkit.db.OnEachEngine;
import org.compliancebot.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Ingest, dedup, acknowledgement and escalation on a real store (each engine), in fake time. */
@OnEachEngine
class WatchdogServiceTest {
    private static final RoomId ROOM = RoomId.of("!mon:localhost");
    private final ObjectMapper mapper = new ObjectMapper();

    @Parameter
    TestDatabase.Engine engine;
    @TempDir
    Path dir;
    private Database db;
    private FakeClock clock;
    private ManualScheduler scheduler;
    private AlertStore store;
    private WatchdogService service;
    private int wakes;

    @BeforeEach
    void setUp() {
        TestDatabase t = TestDatabase.fresh(engine, dir.resolve("w.db"));
        db = Database.open(t.url(), t.user(), t.password());
        Migrations.migrate(db, "bot", getClass().getClassLoader());
        Migrations.migrate(db, "watchdog", getClass().getClassLoader());
        clock = new FakeClock(Instant.parse("2025-10-02T10:00:00Z"));
        scheduler = new ManualScheduler(clock);
        store = new AlertStore();
        service = new WatchdogService(db, store, new Deduplicator(Duration.ofMinutes(60)), new EscalationPolicy(Duration.ofMinutes(15)),
                clock, scheduler, false);
        service.onWork(() -> wakes++);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private static IncomingAlert alert(String fp, Level level, AlertStatus status) {
        return new IncomingAlert("prom", fp, "Title " + fp, level, status, "", Map.of("k", "v"), List.of());
    }

    @Test
    void aThousandRepeatsAreOneAlertWithACounter() {
        long id = service.ingest(List.of(alert("disk", Level.WARNING, AlertStatus.FIRING))).created().get(0);
        for (int i = 1; i < 1000; i++) {
            clock.advance(Duration.ofSeconds(1));
            WatchdogService.IngestResult r = service.ingest(List.of(alert("disk", Level.WARNING, AlertStatus.FIRING)));
            assertThat(r.created()).isEmpty();
            assertThat(r.repeated()).containsExactly(id);
        }
        StoredAlert a = service.find(id).orElseThrow();
        assertThat(a.fireCount()).isEqualTo(1000);
        assertThat(service.list(AlertStore.Filter.ALL, null, 100, 0)).hasSize(1);
        assertThat(service.unpostedCount()).isEqualTo(1);
    }

    @Test
    void afterTheWindowAFiringAlertIsNewAndTheOldOneSuperseded() {
        long first = service.ingest(List.of(alert("cpu", Level.WARNING, AlertStatus.FIRING))).created().get(0);
        clock.advance(Duration.ofMinutes(61));
        long second = service.ingest(List.of(alert("cpu", Level.WARNING, AlertStatus.FIRING))).created().get(0);
        assertThat(second).isNotEqualTo(first);
        assertThat(service.find(first).orElseThrow().superseded()).isTrue();
        assertThat(service.list(AlertStore.Filter.OPEN, null, 10, 0)).extracting(StoredAlert::id).containsExactly(second);
    }

    @Test
    void resolveClosesTheOpenAlertAndAResolveForNothingIsIgnored() {
        long id = service.ingest(List.of(alert("mem", Level.ADVISORY, AlertStatus.FIRING))).created().get(0);
        WatchdogService.IngestResult r = service.ingest(List.of(alert("mem", Level.ADVISORY, AlertStatus.RESOLVED)));
        assertThat(r.resolved()).containsExactly(id);
        assertThat(service.find(id).orElseThrow().resolvedAt()).isEqualTo(clock.instant());
        assertThat(service.ingest(List.of(alert("mem", Level.ADVISORY, AlertStatus.RESOLVED))).ignored()).isEqualTo(1);
        assertThat(service.ingest(List.of(alert("other", Level.ADVISORY, AlertStatus.RESOLVED))).ignored()).isEqualTo(1);
    }

    @Test
    void anUnacknowledgedCriticalEscalatesAfterTheDelay() {
        long id = service.ingest(List.of(alert("db-down", Level.CRITICAL, AlertStatus.FIRING))).created().get(0);
        scheduler.advance(Duration.ofMinutes(14));
        assertThat(service.find(id).orElseThrow().escalatedAt()).isNull();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(service.find(id).orElseThrow().escalatedAt()).isEqualTo(Instant.parse("2025-10-02T10:15:00Z"));
        assertThat(service.escalateDue()).as("escalates only once").isZero();
    }

    @Test
    void bangAckBeforeTheDelayStopsTheEscalation() throws Exception {
        long id = service.ingest(List.of(alert("db-down", Level.CRITICAL, AlertStatus.FIRING))).created().get(0);
        db.inTransactionVoid(c -> store.markPosted(c, id, "$alert1"));
        AckHandler ack = new AckHandler(service, UserId.of("@bot:localhost"), "localhost", clock);
        scheduler.advance(Duration.ofMinutes(5));
        RoomEvent reply = RoomEvent.parse(ROOM, mapper.readTree("""
                {"event_id":"$reply1","sender":"@alice:localhost","type":"m.room.message","origin_server_ts":1,
                 "content":{"msgtype":"m.text","body":"!ack","m.relates_to":{"m.in_reply_to":{"event_id":"$alert1"}}}}"""));
        ChatCommand.Reply answer = db.inTransaction(c -> ack.command().handle(reply, "", c));
        assertThat(answer.body()).contains("Acknowledged alert #" + id).contains("@alice:localhost");
        StoredAlert a = service.find(id).orElseThrow();
        assertThat(a.ackedBy()).isEqualTo("@alice:localhost");
        assertThat(a.ackedAt()).isEqualTo(Instant.parse("2025-10-02T10:05:00Z"));
        scheduler.advance(Duration.ofMinutes(30));
        assertThat(service.find(id).orElseThrow().escalatedAt()).isNull();
    }

    @Test
    void onlyLocalUsersOtherThanTheBotAcknowledge() throws Exception {
        long id = service.ingest(List.of(alert("x", Level.CRITICAL, AlertStatus.FIRING))).created().get(0);
        db.inTransactionVoid(c -> store.markPosted(c, id, "$alert2"));
        AckHandler ack = new AckHandler(service, UserId.of("@bot:localhost"), "localhost", clock);
        for (String sender : List.of("@mallory:evil.example", "@bot:localhost")) {
            RoomEvent reaction = RoomEvent.parse(ROOM, mapper.readTree("""
                    {"event_id":"$r-%s","sender":"%s","type":"m.reaction","origin_server_ts":1,
                     "content":{"m.relates_to":{"rel_type":"m.annotation","event_id":"$alert2","key":"✅"}}}"""
                    .formatted(sender.hashCode(), sender)));
            db.inTransactionVoid(c -> ack.reactions().onEvent(reaction, c));
        }
        assertThat(service.find(id).orElseThrow().ackedAt()).isNull();
        RoomEvent ok = RoomEvent.parse(ROOM, mapper.readTree("""
                {"event_id":"$r-ok","sender":"@bob:localhost","type":"m.reaction","origin_server_ts":1,
                 "content":{"m.relates_to":{"rel_type":"m.annotation","event_id":"$alert2","key":"✅️"}}}"""));
        db.inTransactionVoid(c -> ack.reactions().onEvent(ok, c));
        assertThat(service.find(id).orElseThrow().ackedBy()).isEqualTo("@bob:localhost");
    }

    @Test
    void bangAckWithNumbersAndWithoutTarget() throws Exception {
        long id = service.ingest(List.of(alert("y", Level.WARNING, AlertStatus.FIRING))).created().get(0);
        AckHandler ack = new AckHandler(service, UserId.of("@bot:localhost"), "localhost", clock);
        RoomEvent plain = RoomEvent.parse(ROOM, mapper.readTree("""
                {"event_id":"$m1","sender":"@alice:localhost","type":"m.room.message","origin_server_ts":1,
                 "content":{"msgtype":"m.text","body":"!ack"}}"""));
        assertThat(db.inTransaction(c -> ack.command().handle(plain, "", c)).body()).contains("Reply to an alert");
        assertThat(db.inTransaction(c -> ack.command().handle(plain, "#" + id, c)).body()).contains("Acknowledged alert #" + id);
        assertThat(db.inTransaction(c -> ack.command().handle(plain, "#" + id, c)).body()).contains("Nothing to acknowledge");
    }

    @Test
    void anEscalationThatFellDueWhileDownFiresAtStartUp() {
        long id = service.ingest(List.of(alert("z", Level.CRITICAL, AlertStatus.FIRING))).created().get(0);
        // A new service over the same store, as after a restart two hours later.
        clock.advance(Duration.ofHours(2));
        WatchdogService restarted = new WatchdogService(db, store, new Deduplicator(Duration.ofMinutes(60)),
                new EscalationPolicy(Duration.ofMinutes(15)), clock, new ManualScheduler(clock), false);
        assertThat(restarted.escalateDue()).isEqualTo(1);
        assertThat(restarted.find(id).orElseThrow().escalatedAt()).isEqualTo(clock.instant());
    }

    @Test
    void anApprovalPendingTooLongRaisesAWarningThatResolvesWhenDecided() {
        SelfChecks checks = new SelfChecks(db, store, service, MatrixClient.create("http://127.0.0.1:9"), clock,
                Duration.ofMinutes(30), 600);
        List<PendingApprovals.Pending> pending = new java.util.ArrayList<>(List.of(
                new PendingApprovals.Pending("CR-2025-0001", "Rotate the signing key", clock.instant().minus(Duration.ofMinutes(31))),
                new PendingApprovals.Pending("CR-2025-0002", "Upgrade Synapse", clock.instant().minus(Duration.ofMinutes(5)))));
        checks.setPendingApprovals(() -> List.copyOf(pending));
        checks.checkApprovals();
        List<StoredAlert> open = service.list(AlertStore.Filter.OPEN, null, 10, 0);
        assertThat(open).hasSize(1);
        assertThat(open.get(0).level()).isEqualTo(Level.WARNING);
        assertThat(open.get(0).alert().title()).contains("CR-2025-0001");
        checks.checkApprovals();
        assertThat(service.find(open.get(0).id()).orElseThrow().fireCount()).isEqualTo(2);
        pending.remove(0);
        checks.checkApprovals();
        assertThat(service.list(AlertStore.Filter.OPEN, null, 10, 0)).isEmpty();
    }

    @Test
    void unusualMessageVolumeRaisesAWarning() {
        db.inTransactionVoid(c -> {
            try (var ps = c.prepareStatement("INSERT INTO received_event (event_id, room_id, sender, event_type, origin_ts, received_at) "
                    + "VALUES (?, '!busy:localhost', '@a:localhost', 'm.room.encrypted', ?, 0)")) {
                for (int i = 0; i < 11; i++) {
                    ps.setString(1, "$e" + i);
                    ps.setLong(2, clock.millis() - 1000);
                    ps.executeUpdate();
                }
            }
        });
        SelfChecks checks = new SelfChecks(db, store, service, MatrixClient.create("http://127.0.0.1:9"), clock, Duration.ofMinutes(30), 10);
        checks.checkMessageVolume();
        assertThat(service.list(AlertStore.Filter.OPEN, Level.WARNING, 10, 0)).singleElement()
                .satisfies(a -> assertThat(a.alert().title()).contains("!busy:localhost"));
    }

    @Test
    void aFailingProbeRaisesACritical() {
        SelfChecks checks = new SelfChecks(db, store, service, MatrixClient.create("http://127.0.0.1:9"), clock, Duration.ofMinutes(30), 10);
        checks.addProbe(new org.compliancebot.bot.watchdog.selfcheck.HealthProbe() {
            public String name() {
                return "crypto store";
            }

            public java.util.Optional<String> problem() {
                return java.util.Optional.of("cannot open the crypto store: disk full");
            }
        });
        checks.checkProbes();
        assertThat(service.list(AlertStore.Filter.OPEN, Level.CRITICAL, 10, 0)).singleElement()
                .satisfies(a -> assertThat(a.alert().description()).contains("disk full"));
    }
}
