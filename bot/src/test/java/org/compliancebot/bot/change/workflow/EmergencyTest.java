package org.compliancebot.bot.change.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.compliancebot.bot.testing.People.*;

import java.time.Duration;
import java.util.List;
import org.compliancebot.bot.change.ChangeClass;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeRequestException;
import org.compliancebot.bot.change.ChangeType;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.ImpactAssessment;
import org.compliancebot.bot.change.ImpactLevel;
import org.compliancebot.bot.change.RiskLevel;
import org.compliancebot.bot.testing.WorkflowFixture;
import org.junit.jupiter.api.Test;

class EmergencyTest {
    private final WorkflowFixture f = new WorkflowFixture();
    private final ChangeRequestService s = f.service;

    @Test
    void onlyTheHighestAuthorityMayDeclare() {
        for (var who : List.of(ALICE, OLGA, LEE, CARL, MALLORY)) {
            assertThatThrownBy(() -> s.declareEmergency(who, "patch CVE", "active exploit"))
                    .isInstanceOf(ChangeRequestException.NotAuthorised.class)
                    .hasMessageContaining("highest authority");
        }
        ChangeRequest cr = s.declareEmergency(HUGO, "Patch CVE-2026-1234", "active exploit");
        assertThat(cr.type()).isEqualTo(ChangeType.EMERGENCY);
        assertThat(cr.changeClass()).isEqualTo(ChangeClass.EMERGENCY);
        assertThat(cr.state()).isEqualTo(CrState.DRAFT);
        assertThat(cr.requester()).isEqualTo(HUGO);
        assertThat(cr.emergency().retrospectiveDueAt()).isEqualTo(f.clock.instant().plus(Duration.ofHours(24)));
        assertThat(f.env.changeLog().forRequest(cr.ref())).singleElement()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(ChangeLogEntry.Kind.EMERGENCY_DECLARED));
        assertThat(f.notifier.sent(Notification.EmergencyDeclared.class)).hasSize(1);
    }

    @Test
    void retrospectiveReminderAt20HoursThenAlertAt24() {
        ChangeRequest cr = s.declareEmergency(HUGO, "Patch CVE-2026-1234", "active exploit");
        OversightTimers timers = s.timers();
        f.advanceTime(Duration.ofHours(19).plusMinutes(59));
        assertThat(timers.runDue()).isEmpty();
        f.advanceTime(Duration.ofMinutes(1));
        assertThat(timers.runDue()).singleElement().isInstanceOf(DueAction.RetrospectiveReminder.class);
        assertThat(f.notifier.sent(Notification.RetrospectiveReminder.class)).singleElement()
                .satisfies(n -> assertThat(n.message().plain()).contains("!cr submit " + cr.ref()));
        f.advanceTime(Duration.ofHours(3));
        assertThat(f.restarted().timers().runDue()).isEmpty();
        f.advanceTime(Duration.ofHours(1));
        assertThat(f.restarted().timers().runDue()).singleElement().isInstanceOf(DueAction.RetrospectiveAlert.class);
        assertThat(f.notifier.sent(Notification.RetrospectiveOverdue.class)).singleElement()
                .satisfies(n -> assertThat(n.level()).isEqualTo(AlertLevel.WARNING));
        f.advanceTime(Duration.ofDays(3));
        assertThat(f.restarted().timers().runDue()).isEmpty();
    }

    @Test
    void submittingTheRetrospectiveInTimeSilencesTheTimers() {
        ChangeRequest cr = s.declareEmergency(HUGO, "Patch CVE-2026-1234", "active exploit");
        f.advanceTime(Duration.ofHours(2));
        ChangeRequest submitted = s.submit(cr.ref(), HUGO);
        assertThat(submitted.id()).hasToString("CR-2026-001");
        f.advanceTime(Duration.ofHours(30));
        assertThat(s.timers().runDue()).isEmpty();
        assertThat(f.notifier.sent(Notification.RetrospectiveReminder.class)).isEmpty();
    }

    @Test
    void alertAloneWhenTheBotWasDownAcrossBothTimes() {
        s.declareEmergency(HUGO, "Patch", "outage");
        f.advanceTime(Duration.ofHours(25));
        assertThat(f.restarted().timers().runDue()).singleElement().isInstanceOf(DueAction.RetrospectiveAlert.class);
        assertThat(f.notifier.sent(Notification.RetrospectiveReminder.class)).isEmpty();
    }

    @Test
    void retrospectiveIsNeverAutoApprovedAndTheDeclarerCannotApproveIt() {
        ChangeRequest cr = s.submit(s.declareEmergency(HUGO, "Patch", "outage").ref(), HUGO);
        s.assess(cr.id(), AssessmentInput.of(ImpactAssessment.uniform(ImpactLevel.LOW), WorkflowFixture.riskOf(RiskLevel.LOW)), LEE);
        ApprovalStart start = s.requestApproval(cr.id(), HUGO);
        assertThat(start).isInstanceOf(ApprovalStart.Requested.class);
        var req = ((ApprovalStart.Requested) start).request();
        assertThat(req.guardrail()).contains("emergency");
        assertThat(s.recordDecision(req.id(), f.decision(HUGO, "APPROVED")).accepted()).isFalse();
        assertThat(s.recordDecision(req.id(), f.decision(OLGA, "APPROVED")).accepted()).isTrue();
        assertThat(s.status(cr.id()).cr().state()).isEqualTo(CrState.APPROVED);
    }
}
