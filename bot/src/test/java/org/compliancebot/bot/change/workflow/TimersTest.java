package org.compliancebot.bot.change.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancebot.bot.testing.People.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.RiskLevel;
import org.compliancebot.bot.oversight.ApprovalRequest;
import org.compliancebot.bot.oversight.ApprovalStatus;
import org.compliancebot.bot.testing.WorkflowFixture;
import org.junit.jupiter.api.Test;

class TimersTest {
    private final WorkflowFixture f = new WorkflowFixture();
    private final ChangeRequestService s = f.service;

    private ApprovalRequest requested() {
        ChangeRequest cr = f.assessed(RiskLevel.MEDIUM);
        return ((ApprovalStart.Requested) s.requestApproval(cr.id(), ALICE)).request();
    }

    private List<Class<?>> kinds(List<DueAction> actions) {
        return actions.stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void approvalReminderAndAlertAtThirtyMinutesExpiryAtSixty() {
        ApprovalRequest req = requested();
        Instant t0 = req.createdAt();
        OversightTimers timers = s.timers();
        assertThat(timers.nextFireAt()).contains(t0.plus(Duration.ofMinutes(30)));

        f.advanceTime(Duration.ofMinutes(29).plusSeconds(59));
        assertThat(timers.runDue()).isEmpty();

        f.advanceTime(Duration.ofSeconds(1));
        assertThat(kinds(timers.runDue())).containsExactlyInAnyOrder(DueAction.ApprovalReminder.class,
                DueAction.ApprovalPendingAlert.class);
        assertThat(f.notifier.sent(Notification.ApprovalReminder.class)).singleElement()
                .satisfies(n -> assertThat(n.message().plain()).contains("pending for 30 minutes", "an overseer approval"));
        assertThat(f.notifier.sent(Notification.ApprovalPendingAlert.class)).singleElement()
                .satisfies(n -> assertThat(n.level()).isEqualTo(AlertLevel.WARNING));
        assertThat(timers.runDue()).isEmpty();
        assertThat(timers.nextFireAt()).contains(t0.plus(Duration.ofMinutes(60)));

        f.advanceTime(Duration.ofMinutes(30));
        assertThat(kinds(timers.runDue())).containsExactly(DueAction.ApprovalExpiry.class);
        assertThat(s.approvalRequest(req.id()).status()).isEqualTo(ApprovalStatus.EXPIRED);
        ChangeRequest cr = s.status(req.crId()).cr();
        assertThat(cr.state()).isEqualTo(CrState.ASSESSED);
        assertThat(f.env.changeLog().forRequest(cr.ref())).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ChangeLogEntry.Kind.TRANSITION);
            assertThat(e.from()).isEqualTo(CrState.AWAITING_APPROVAL);
            assertThat(e.to()).isEqualTo(CrState.ASSESSED);
            assertThat(e.actor()).isEqualTo(BOT);
            assertThat(e.reason()).contains("expired after 60 min");
        });
        assertThat(f.notifier.sent(Notification.ApprovalExpired.class)).hasSize(1);
        assertThat(timers.runDue()).isEmpty();
        assertThat(timers.nextFireAt()).isEmpty();

        // A decision after expiry does not count; approval can be requested again.
        assertThat(s.recordDecision(req.id(), f.decision(OLGA, "APPROVED")).accepted()).isFalse();
        assertThat(s.requestApproval(req.crId(), ALICE)).isInstanceOf(ApprovalStart.Requested.class);
    }

    @Test
    void decidedRequestsHaveNoTimers() {
        ApprovalRequest req = requested();
        s.recordDecision(req.id(), f.decision(OLGA, "APPROVED"));
        f.advanceTime(Duration.ofHours(2));
        assertThat(s.timers().due(f.clock.instant())).isEmpty();
    }

    @Test
    void expiryIsConfigurable() {
        WorkflowFixture g = new WorkflowFixture();
        WorkflowEnvironment env = new WorkflowEnvironment(g.clock, BOT, g.env.roles(), g.env.approvalPolicy(),
                g.env.workflowPolicy(), new TimerPolicy(Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(20),
                        Duration.ofHours(20), Duration.ofHours(24)), g.env.changeRequests(), g.env.approvals(), g.env.capas(),
                g.env.changeLog(), g.env.evidence(), g.env.identityPins(), g.notifier);
        ChangeRequestService svc = new ChangeRequestService(env);
        ChangeRequest cr = svc.submit(svc.create(ALICE, NewChange.normal("x")).ref(), ALICE);
        svc.assess(cr.id(), AssessmentInput.of(org.compliancebot.bot.change.ImpactAssessment.uniform(
                org.compliancebot.bot.change.ImpactLevel.LOW), WorkflowFixture.riskOf(RiskLevel.MEDIUM)), LEE);
        svc.requestApproval(cr.id(), ALICE);
        g.advanceTime(Duration.ofMinutes(10));
        assertThat(kinds(svc.timers().runDue())).containsExactly(DueAction.ApprovalReminder.class);
        g.advanceTime(Duration.ofMinutes(10));
        assertThat(kinds(svc.timers().runDue())).containsExactly(DueAction.ApprovalExpiry.class);
    }

    @Test
    void restartFiresNothingTwiceAndCatchesUpOnOverdueActions() {
        ApprovalRequest req = requested();
        f.advanceTime(Duration.ofMinutes(31));
        assertThat(s.timers().runDue()).hasSize(2);
        int sent = f.notifier.sent().size();

        // A new service on the same storage: the reminder and alert already fired.
        ChangeRequestService afterRestart = f.restarted();
        assertThat(afterRestart.timers().runDue()).isEmpty();
        assertThat(f.notifier.sent()).hasSize(sent);

        // The bot is down across the expiry; the next evaluation expires the request once.
        f.advanceTime(Duration.ofHours(3));
        ChangeRequestService later = f.restarted();
        assertThat(kinds(later.timers().due(f.clock.instant()))).containsExactly(DueAction.ApprovalExpiry.class);
        assertThat(kinds(later.timers().runDue())).containsExactly(DueAction.ApprovalExpiry.class);
        assertThat(f.restarted().timers().runDue()).isEmpty();
        assertThat(f.notifier.sent(Notification.ApprovalExpired.class)).hasSize(1);
        assertThat(s.status(req.crId()).cr().state()).isEqualTo(CrState.ASSESSED);
    }

    @Test
    void requestThatExpiredWhileDownGetsNoLateReminder() {
        requested();
        f.advanceTime(Duration.ofMinutes(90));
        assertThat(kinds(f.restarted().timers().runDue())).containsExactly(DueAction.ApprovalExpiry.class);
        assertThat(f.notifier.sent(Notification.ApprovalReminder.class)).isEmpty();
    }

    @Test
    void firingTheSameActionTwiceDoesNothingTheSecondTime() {
        requested();
        f.advanceTime(Duration.ofMinutes(30));
        OversightTimers timers = s.timers();
        DueAction reminder = timers.due(f.clock.instant()).stream()
                .filter(a -> a instanceof DueAction.ApprovalReminder).findFirst().orElseThrow();
        assertThat(timers.fire(reminder)).isTrue();
        assertThat(timers.fire(reminder)).isFalse();
        assertThat(f.notifier.sent(Notification.ApprovalReminder.class)).hasSize(1);
    }

    @Test
    void verificationReminderWhenTheObservationWindowHasPassed() {
        ChangeRequest cr = f.deployed();
        OversightTimers timers = s.timers();
        assertThat(timers.nextFireAt()).contains(cr.deployedAt().plus(Duration.ofHours(6)));
        f.advanceTime(Duration.ofHours(5));
        assertThat(timers.runDue()).isEmpty();
        f.advanceTime(Duration.ofHours(1));
        assertThat(kinds(timers.runDue())).containsExactly(DueAction.VerificationReminder.class);
        assertThat(f.notifier.sent(Notification.VerificationDue.class)).singleElement()
                .satisfies(n -> assertThat(n.message().plain()).contains("!cr advance " + cr.id() + " verified"));
        f.advanceTime(Duration.ofHours(1));
        assertThat(f.restarted().timers().runDue()).isEmpty();
    }
}
