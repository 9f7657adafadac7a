package org.compliancebot.bot.change.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancebot.bot.change.matrix.WiringFixture.MONITORING;
import static org.compliancebot.bot.change.matrix.WiringFixture.OVERSIGHT;
import static org.compliancebot.bot.testing.People.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.workflow.DueAction;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.testkit.db.OnEachEngine;
import org.compliancebot.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The timer driver over the SQLite store in fake time: what it posts, where, and that restarts repeat nothing. */
@OnEachEngine
class TimerWiringTest {
    @Parameter
    TestDatabase.Engine engine;
    private static final CrId CR = CrId.parse("CR-2026-001");

    @TempDir
    Path dir;
    private WiringFixture f;

    @BeforeEach
    void open() {
        f = new WiringFixture(TestDatabase.fresh(engine, dir.resolve("bot.db")));
        f.apply(f.join(ALICE), f.join(OLGA), f.join(LEE), f.join(HUGO));
    }

    @AfterEach
    void close() {
        f.close();
    }

    private EventId requestPosted() {
        f.command(ALICE, "!cr new Add asset_owner to assets");
        f.command(ALICE, "!cr submit DRAFT-1");
        f.command(LEE, "!cr assess CR-2026-001 impact=medium risk=likely/minor");
        f.sendQueued();
        return f.outbox().stream().filter(s -> s.key().startsWith("cr-approval-request:")).findFirst().orElseThrow().eventId();
    }

    private List<WiringFixture.Sent> notes() {
        return f.outbox().stream().filter(s -> s.key().startsWith("cr-note:") || s.key().startsWith("cr-alert:")).toList();
    }

    private CrState state() {
        return f.store.inTransaction(s -> s.status(CR).cr().state());
    }

    @Test
    void reminderAndAlertAtThirtyMinutesExpiryAtSixty() {
        EventId request = requestPosted();
        f.clock.advance(Duration.ofMinutes(29));
        assertThat(f.timers.runOnce()).isEmpty();
        assertThat(f.timers.nextFireAt()).hasValueSatisfying(t -> assertThat(t).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(1))));

        f.clock.advance(Duration.ofMinutes(1));
        assertThat(f.timers.runOnce()).hasSize(2).hasAtLeastOneElementOfType(DueAction.ApprovalReminder.class)
                .hasAtLeastOneElementOfType(DueAction.ApprovalPendingAlert.class);
        List<WiringFixture.Sent> notes = notes();
        assertThat(notes).anySatisfy(n -> {
            assertThat(n.room()).isEqualTo(OVERSIGHT);
            assertThat(n.threadRoot()).isEqualTo(request.value());
            assertThat(n.body()).startsWith("Reminder").contains("pending for 30 minutes");
        });
        assertThat(notes).anySatisfy(n -> {
            assertThat(n.room()).isEqualTo(MONITORING);
            assertThat(n.body()).startsWith("[Warning] Oversight approval pending for more than 30 minutes: CR-2026-001");
        });
        assertThat(f.timers.runOnce()).as("each timer fires once").isEmpty();

        f.clock.advance(Duration.ofMinutes(30));
        assertThat(f.timers.runOnce()).singleElement().isInstanceOf(DueAction.ApprovalExpiry.class);
        assertThat(state()).isEqualTo(CrState.ASSESSED);
        assertThat(notes()).last().satisfies(n -> {
            assertThat(n.threadRoot()).isEqualTo(request.value());
            assertThat(n.body()).contains("expired after 60 minutes").contains("back in ASSESSED");
        });
        List<ChangeLogEntry> log = f.store.inTransaction(s -> s.status(CR).log());
        assertThat(log).anySatisfy(e -> {
            assertThat(e.to()).isEqualTo(CrState.ASSESSED);
            assertThat(e.reason()).contains("expired");
        });
    }

    @Test
    void timersThatFellDueWhileTheBotWasDownFireOnceAtStart() {
        requestPosted();
        f.restart();
        f.clock.advance(Duration.ofMinutes(45));
        // The first run after start fires what is overdue: reminder and alert, not yet the expiry.
        assertThat(f.timers.runOnce()).hasSize(2);
        f.restart();
        assertThat(f.timers.runOnce()).isEmpty();
        f.clock.advance(Duration.ofHours(5));
        f.restart();
        assertThat(f.timers.runOnce()).singleElement().isInstanceOf(DueAction.ApprovalExpiry.class);
        assertThat(state()).isEqualTo(CrState.ASSESSED);
        assertThat(notes()).hasSize(3);
    }

    @Test
    void aThreadMessageWaitsUntilTheRequestHasBeenSent() {
        f.command(ALICE, "!cr new Add asset_owner to assets");
        f.command(ALICE, "!cr submit DRAFT-1");
        f.command(LEE, "!cr assess CR-2026-001 impact=medium risk=likely/minor");
        f.clock.advance(Duration.ofMinutes(30));
        f.timers.runOnce();
        assertThat(notes()).noneMatch(n -> n.room().equals(OVERSIGHT));
        f.sendQueued();
        f.timers.runOnce();
        EventId request = f.outbox().stream().filter(s -> s.key().startsWith("cr-approval-request:")).findFirst()
                .orElseThrow().eventId();
        assertThat(notes()).anySatisfy(n -> assertThat(n.threadRoot()).isEqualTo(request.value()));
    }

    @Test
    void emergencyRetrospectiveReminderAtTwentyHoursAndAlertAtTwentyFour() {
        assertThat(f.command(HUGO, "!cr emergency Database failover --why primary lost")).contains("DRAFT-1");
        f.timers.runOnce();
        assertThat(notes()).singleElement().satisfies(n -> assertThat(n.body()).startsWith("Emergency change declared"));
        f.clock.advance(Duration.ofHours(20));
        assertThat(f.timers.runOnce()).singleElement().isInstanceOf(DueAction.RetrospectiveReminder.class);
        assertThat(notes()).last().satisfies(n -> {
            assertThat(n.room()).isEqualTo(OVERSIGHT);
            assertThat(n.body()).startsWith("Reminder: the retrospective change request DRAFT-1");
        });
        f.restart();
        f.clock.advance(Duration.ofHours(4));
        assertThat(f.timers.runOnce()).singleElement().isInstanceOf(DueAction.RetrospectiveAlert.class);
        assertThat(notes()).last().satisfies(n -> {
            assertThat(n.room()).isEqualTo(MONITORING);
            assertThat(n.body()).startsWith("[Warning] The retrospective change request DRAFT-1").contains("overdue");
        });
    }

    @Test
    void verificationReminderAfterTheObservationWindow() {
        EventId request = requestPosted();
        f.apply(f.reply(OVERSIGHT, OLGA, request, "APPROVED"));
        f.command(ALICE, "!cr advance CR-2026-001 scheduled");
        f.command(ALICE, "!cr advance CR-2026-001 testing");
        for (int gate = 4; gate <= 8; gate++) {
            f.command(LEE, "!cr gate CR-2026-001 " + gate + " done");
        }
        assertThat(f.command(LEE, "!cr advance CR-2026-001 deployed")).contains("deployed");
        f.clock.advance(Duration.ofHours(6));
        assertThat(f.timers.runOnce()).singleElement().isInstanceOf(DueAction.VerificationReminder.class);
        assertThat(notes()).last().satisfies(n -> assertThat(n.body()).contains("observation window").contains("verified"));
    }

    @Test
    void theSchedulerThreadRunsTheTimersByItself() throws Exception {
        requestPosted();
        f.clock.advance(Duration.ofMinutes(31));
        f.timers.start();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (notes().size() < 2 && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(notes()).hasSize(2);
    }
}
