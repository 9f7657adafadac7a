package org.compliancebot.bot.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.compliancebot.bot.incident.store.JdbcIncidentStore;
import org.compliancebot.bot.incident.store.JdbcTranscriptStore;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bot.roles.RoleDirectory;
import org.compliancebot.bot.testing.MutableClock;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.testkit.db.OnEachEngine;
import org.compliancebot.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The service, the desk and room activity on the real store (each engine), in fake time. */
@OnEachEngine
class IncidentServiceTest {
    static final UserId LEAD = UserId.of("@lead:example.org");
    static final UserId OVERSEER = UserId.of("@olivia:example.org");
    static final UserId CTO = UserId.of("@cto:example.org");
    static final UserId LEGAL = UserId.of("@legal:example.org");
    static final UserId COMPLIANCE = UserId.of("@cm:example.org");
    static final UserId MEMBER = UserId.of("@member:example.org");
    static final UserId BOT = UserId.of("@bot:example.org");

    @Parameter
    TestDatabase.Engine engine;
    @TempDir
    Path dir;
    Database db;
    JdbcIncidentStore store;
    IncidentService service;
    IncidentDesk desk;
    MutableClock clock = MutableClock.at("2025-10-02T09:00:00Z");

    @BeforeEach
    void setUp() {
        TestDatabase t = TestDatabase.fresh(engine, dir.resolve("t.db"));
        db = Database.open(t.url(), t.user(), t.password());
        JdbcIncidentStore.migrate(db);
        store = new JdbcIncidentStore(db);
        RoleDirectory roles = RoleDirectory.forServer("example.org").grant(Role.SECURITY_LEAD, LEAD)
                .grant(Role.HUMAN_OVERSEER, OVERSEER).grant(Role.CTO, CTO).grant(Role.LEGAL_COUNSEL, LEGAL)
                .grant(Role.COMPLIANCE_MANAGER, COMPLIANCE).build();
        service = new IncidentService(store, new JdbcTranscriptStore(db), InvitePolicy.defaults(), roles, clock,
                IncidentMetrics.DEFAULT_RESPONSE_TARGET);
        desk = new IncidentDesk(service, store, clock);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private Incident opened(Severity s) {
        Incident i = service.open(NewIncident.of("Outage", s, "test"));
        Incident withRoom = i.withRoom(i.room().withRoomId(RoomId.of("!r" + i.id().sequence() + ":example.org"))
                .withStep(OpeningStep.OPENED));
        store.update(withRoom);
        return withRoom;
    }

    private IncidentReply run(Incident i, UserId sender, IncidentCommand c) {
        return desk.handle(store.find(i.id()).orElseThrow(), c, sender, EventId.of("$" + System.nanoTime()), clock.instant());
    }

    @Test
    void idsRunPerDayAndASourceKeyOpensOnce() {
        Incident a = service.open(NewIncident.of("A", Severity.LOW, "test"));
        Incident b = service.open(NewIncident.of("B", Severity.LOW, "test").withSourceKey("watchdog:fp1"));
        Incident again = service.open(NewIncident.of("B again", Severity.CRITICAL, "test").withSourceKey("watchdog:fp1"));
        clock.advance(Duration.ofDays(1));
        Incident c = service.open(NewIncident.of("C", Severity.LOW, "test"));
        assertThat(List.of(a.id(), b.id(), c.id())).extracting(Object::toString)
                .containsExactly("incident-2025-10-02-001", "incident-2025-10-02-002", "incident-2025-10-03-001");
        assertThat(again.id()).isEqualTo(b.id());
        assertThat(again.title()).isEqualTo("B");
        assertThat(service.list(null)).hasSize(3);
        assertThat(b.alias("example.org").value()).isEqualTo("#incident-2025-10-02-002:example.org");
        assertThat(b.roomName()).isEqualTo("Incident: incident-2025-10-02-002 \u2013 B");
    }

    @Test
    void invitesFollowTheSeverityAndARaiseAddsOnlyTheNewPeople() {
        assertThat(service.details(service.open(NewIncident.of("x", Severity.CRITICAL, "t")).id()).invitations())
                .extracting(Invitation::user).containsExactlyInAnyOrder(LEAD, OVERSEER, CTO, LEGAL);
        assertThat(service.details(service.open(NewIncident.of("x", Severity.HIGH, "t")).id()).invitations())
                .extracting(Invitation::user).containsExactlyInAnyOrder(LEAD, COMPLIANCE);
        Incident medium = opened(Severity.MEDIUM);
        assertThat(service.details(medium.id()).invitations()).extracting(Invitation::user).containsExactly(LEAD);

        assertThat(run(medium, LEAD, new IncidentCommand.ChangeSeverity(Severity.CRITICAL)).body())
                .startsWith("Severity raised from MEDIUM (P2) to CRITICAL (P0) by @lead:example.org. Inviting "
                        + "@olivia:example.org, @cto:example.org, @legal:example.org.");
        run(medium, LEAD, new IncidentCommand.ChangeSeverity(Severity.LOW));
        run(medium, LEAD, new IncidentCommand.ChangeSeverity(Severity.CRITICAL));
        assertThat(service.details(medium.id()).invitations()).extracting(Invitation::user)
                .containsExactlyInAnyOrder(LEAD, OVERSEER, CTO, LEGAL);
        assertThat(service.details(medium.id()).timeline()).extracting(TimelineEntry::kind).containsOnly(TimelineEntry.Kind.SEVERITY);
    }

    @Test
    void onlyCommandersChangeSeverityOrResolveAndOnlyTheLeadCloses() {
        Incident i = opened(Severity.HIGH);
        assertThat(run(i, MEMBER, new IncidentCommand.ChangeSeverity(Severity.LOW)).body())
                .isEqualTo("Refused: only the security lead, overseer, CTO may change the severity. Nothing was changed.");
        assertThat(run(i, COMPLIANCE, new IncidentCommand.Close()).body())
                .isEqualTo("Refused: only the security lead may close an incident. Nothing was changed.");
        assertThat(run(i, CTO, new IncidentCommand.Close()).body()).startsWith("Refused");
        assertThat(store.find(i.id()).orElseThrow().isClosing()).isFalse();
        assertThat(store.find(i.id()).orElseThrow().severity()).isEqualTo(Severity.HIGH);

        assertThat(run(i, CTO, new IncidentCommand.Resolve("Patched")).body()).contains("resolved by @cto:example.org");
        assertThat(run(i, LEAD, new IncidentCommand.Close()).body()).startsWith("Closing " + i.id());
        Incident closing = store.find(i.id()).orElseThrow();
        assertThat(closing.room().closing()).isEqualTo(ClosingStep.REQUESTED);
        assertThat(run(i, LEAD, new IncidentCommand.Close()).body()).contains("being closed already");
        assertThat(run(i, LEAD, new IncidentCommand.Note("late")).body()).isEqualTo(i.id() + " is closed. Nothing was changed.");
    }

    @Test
    void tasksNeedRoomMembersAndTheChecklistTicksOnce() {
        Incident i = opened(Severity.LOW);
        assertThat(run(i, LEAD, new IncidentCommand.Assign(MEMBER, "look")).body()).contains("is not a member");
        store.recordMembership(i.id(), MEMBER, Membership.JOIN, clock.instant());
        assertThat(run(i, LEAD, new IncidentCommand.Assign(MEMBER, "look")).body()).isEqualTo("Task 1 assigned to @member:example.org: look");
        assertThat(run(i, MEMBER, new IncidentCommand.Check(3)).body()).isEqualTo("\u2611 3. Stakeholders notified (1 of 7 done)");
        assertThat(run(i, LEAD, new IncidentCommand.Check(3)).body()).startsWith("Item 3 (Stakeholders notified) was ticked already by @member");
        assertThat(store.checklist(i.id()).done()).isEqualTo(1);
        String status = run(i, MEMBER, new IncidentCommand.Status()).body();
        assertThat(status).contains("Severity: LOW (P3); status: open").contains("1. @member:example.org: look")
                .contains("Checklist: 1 of 7 done").contains("@lead:example.org (invite pending)");
    }

    @Test
    void roomActivityMeasuresTheFirstHumanMessageAndPinsMarkedMessages() throws Exception {
        Incident i = opened(Severity.LOW);
        RoomActivity activity = new RoomActivity(store, BOT);
        activity.apply(i, event(i, BOT, "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"report\"}", 0));
        assertThat(store.find(i.id()).orElseThrow().response()).isNull();
        activity.apply(store.find(i.id()).orElseThrow(), event(i, MEMBER, "m.room.message",
                "{\"msgtype\":\"m.text\",\"body\":\"On it\"}", 12));
        activity.apply(store.find(i.id()).orElseThrow(), event(i, LEAD, "m.reaction",
                "{\"m.relates_to\":{\"rel_type\":\"m.annotation\",\"event_id\":\"$e12\",\"key\":\"\uD83D\uDCCC\uFE0F\"}}", 20));
        activity.apply(store.find(i.id()).orElseThrow(), event(i, CTO, "m.reaction",
                "{\"m.relates_to\":{\"rel_type\":\"m.annotation\",\"event_id\":\"$e12\",\"key\":\"\uD83D\uDCCC\"}}", 21));
        Incident after = store.find(i.id()).orElseThrow();
        assertThat(after.response().by()).isEqualTo(MEMBER);
        IncidentMetrics m = service.metrics(i.id());
        assertThat(m.timeToFirstResponse()).contains(Duration.ofMinutes(12));
        assertThat(m.respondedWithinTarget()).contains(true);
        List<TimelineEntry> timeline = store.timeline(i.id());
        assertThat(timeline).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(TimelineEntry.Kind.PINNED);
            assertThat(e.eventId()).isEqualTo(EventId.of("$e12"));
            assertThat(e.sender()).isEqualTo(LEAD);
            assertThat(e.text()).isEqualTo("On it");
        });
        clock.advance(Duration.ofHours(2));
        Incident late = service.open(NewIncident.of("Unanswered", Severity.HIGH, "t"));
        clock.advance(Duration.ofMinutes(45));
        MetricsSummary summary = service.summary();
        assertThat(summary.open()).isEqualTo(2);
        assertThat(summary.withinTarget()).isEqualTo(1);
        assertThat(summary.waitingPastTarget()).isEqualTo(1);
        assertThat(summary.averageFirstResponseTime()).contains(Duration.ofMinutes(12));
        assertThat(late.id().sequence()).isEqualTo(2);
    }

    private RoomEvent event(Incident i, UserId sender, String type, String content, int minutes) throws Exception {
        long ts = Instant.parse("2025-10-02T09:00:00Z").plus(Duration.ofMinutes(minutes)).toEpochMilli();
        String json = "{\"event_id\":\"$e" + minutes + "\",\"type\":\"" + type + "\",\"sender\":\"" + sender
                + "\",\"origin_server_ts\":" + ts + ",\"content\":" + content + "}";
        return RoomEvent.parse(i.room().roomId(), new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
    }
}
