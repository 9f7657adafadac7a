package org.compliancebot.bot.change.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.compliancebot.bot.change.CrState.*;
import static org.compliancebot.bot.testing.People.*;

import java.time.Duration;
import java.util.List;
import org.compliancebot.bot.change.Capa;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeRequestException;
import org.compliancebot.bot.change.ClosedOutcome;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.CrKind;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.CrTransitions;
import org.compliancebot.bot.change.Gate;
import org.compliancebot.bot.change.RiskLevel;
import org.compliancebot.bot.testing.WorkflowFixture;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    private final WorkflowFixture f = new WorkflowFixture();
    private final ChangeRequestService s = f.service;

    private List<CrState> transitions(ChangeRequest cr) {
        return f.env.changeLog().forRequest(cr.ref()).stream()
                .filter(e -> e.kind() == ChangeLogEntry.Kind.TRANSITION).map(ChangeLogEntry::to).toList();
    }

    @Test
    void successPath() {
        ChangeRequest cr = f.deployed();
        f.advanceTime(Duration.ofHours(6));
        s.advance(cr.id(), VERIFIED, LEE, "no errors in production logs");
        ChangeRequest closed = s.advance(cr.id(), CLOSED, ALICE, "done");
        assertThat(closed.state()).isEqualTo(CLOSED);
        assertThat(closed.outcome()).isEqualTo(ClosedOutcome.SUCCESS);
        assertThat(transitions(closed)).containsExactly(SUBMITTED, ASSESSED, AWAITING_APPROVAL, APPROVED, SCHEDULED,
                TESTING, DEPLOYED, VERIFIED, CLOSED);
    }

    @Test
    void rejectedPath() {
        ChangeRequest cr = f.assessed(RiskLevel.MEDIUM);
        var start = (ApprovalStart.Requested) s.requestApproval(cr.id(), ALICE);
        s.recordDecision(start.request().id(), f.decision(OLGA, "REJECTED: no rollback plan"));
        assertThat(s.status(cr.id()).cr().state()).isEqualTo(REJECTED);
        ChangeRequest closed = s.advance(cr.id(), CLOSED, ALICE, "");
        assertThat(closed.outcome()).isEqualTo(ClosedOutcome.REJECTED);
        assertThat(transitions(closed)).containsExactly(SUBMITTED, ASSESSED, AWAITING_APPROVAL, REJECTED, CLOSED);
        assertThat(f.env.changeLog().forRequest(cr.ref())).anySatisfy(e -> {
            assertThat(e.to()).isEqualTo(REJECTED);
            assertThat(e.actor()).isEqualTo(OLGA);
            assertThat(e.reason()).contains("no rollback plan");
        });
    }

    @Test
    void testingFailedLoopsThroughRevise() {
        ChangeRequest cr = f.approved();
        s.advance(cr.id(), SCHEDULED, ALICE, "");
        s.advance(cr.id(), TESTING, ALICE, "");
        assertThatThrownBy(() -> s.advance(cr.id(), TESTING_FAILED, ALICE, " "))
                .isInstanceOf(ChangeRequestException.Invalid.class).hasMessageContaining("needs a reason");
        s.advance(cr.id(), TESTING_FAILED, ALICE, "3 regression tests fail");
        s.advance(cr.id(), REVISE, ALICE, "fix the migration");
        s.advance(cr.id(), TESTING, ALICE, "retest");
        s.advance(cr.id(), TESTING_FAILED, ALICE, "still 1 failing");
        s.advance(cr.id(), REVISE, ALICE, "");
        s.advance(cr.id(), TESTING, ALICE, "");
        f.satisfyAllGates(cr.id());
        ChangeRequest deployed = s.advance(cr.id(), DEPLOYED, LEE, "");
        assertThat(transitions(deployed)).endsWith(SCHEDULED, TESTING, TESTING_FAILED, REVISE, TESTING, TESTING_FAILED,
                REVISE, TESTING, DEPLOYED);
    }

    @Test
    void rollbackOpensACapaAndClosesAsRolledBack() {
        ChangeRequest cr = f.deployed();
        s.advance(cr.id(), DEPLOY_FAILED, LEE, "error rate 12%");
        assertThatThrownBy(() -> s.advance(cr.id(), ROLLBACK, ALICE, "revert"))
                .isInstanceOf(ChangeRequestException.NotAuthorised.class);
        s.advance(cr.id(), ROLLBACK, LEE, "error rate above threshold");
        List<Capa> capas = f.env.capas().forChangeRequest(cr.id());
        assertThat(capas).singleElement().satisfies(c -> {
            assertThat(c.id()).hasToString("CAPA-2026-001");
            assertThat(c.crId()).isEqualTo(cr.id());
            assertThat(c.openedAt()).isEqualTo(f.clock.instant());
            assertThat(c.reason()).contains("error rate above threshold");
            assertThat(c.status()).isEqualTo(Capa.Status.OPEN);
        });
        assertThat(f.notifier.sent(Notification.CapaOpened.class)).hasSize(1);
        ChangeRequest closed = s.advance(cr.id(), CLOSED, LEE, "rolled back cleanly");
        assertThat(closed.outcome()).isEqualTo(ClosedOutcome.ROLLED_BACK);
        assertThat(transitions(closed)).endsWith(DEPLOYED, DEPLOY_FAILED, ROLLBACK, CLOSED);
        assertThat(s.status(cr.id()).capas()).hasSize(1);
        Capa done = s.closeCapa(capas.get(0).id(), HUGO, "added schema rollback test");
        assertThat(done.status()).isEqualTo(Capa.Status.CLOSED);
    }

    @Test
    void deployNeedsAllEightGatesAndListsTheMissingOnes() {
        ChangeRequest cr = f.approved();
        s.advance(cr.id(), SCHEDULED, ALICE, "");
        s.advance(cr.id(), TESTING, ALICE, "");
        // Gates 1 and 2 come from the assessment, 3 from the approval.
        assertThat(s.status(cr.id()).cr().unsatisfiedGates()).containsExactly(Gate.REGRESSION_TESTS,
                Gate.TEST_ENVIRONMENT, Gate.DOCUMENTATION, Gate.ROLLBACK_PLAN, Gate.COMPLIANCE);
        s.satisfyGate(cr.id(), Gate.REGRESSION_TESTS, "245/245 passed", List.of("https://ci.example.org/run/17"), ALICE);
        assertThatThrownBy(() -> s.advance(cr.id(), DEPLOYED, LEE, ""))
                .isInstanceOfSatisfying(ChangeRequestException.GatesNotSatisfied.class,
                        e -> assertThat(e.missing()).containsExactly(Gate.TEST_ENVIRONMENT, Gate.DOCUMENTATION,
                                Gate.ROLLBACK_PLAN, Gate.COMPLIANCE))
                .hasMessageContaining("5 (Test environment validation)")
                .hasMessageContaining("8 (Compliance validated)")
                .hasMessageNotContaining("4 (Regression");
        assertThat(s.status(cr.id()).cr().state()).isEqualTo(TESTING);
        f.satisfyAllGates(cr.id());
        assertThat(s.advance(cr.id(), DEPLOYED, LEE, "").state()).isEqualTo(DEPLOYED);
        assertThat(s.status(cr.id()).cr().gates().get(Gate.REGRESSION_TESTS).links())
                .containsExactly("https://ci.example.org/run/17");
    }

    @Test
    void gateThreeComesOnlyFromTheApproval() {
        ChangeRequest cr = f.assessed(RiskLevel.MEDIUM);
        assertThatThrownBy(() -> s.satisfyGate(cr.id(), Gate.APPROVAL, "trust me", List.of(), LEE))
                .isInstanceOf(ChangeRequestException.Invalid.class).hasMessageContaining("approval itself");
        assertThatThrownBy(() -> s.satisfyGate(cr.id(), Gate.DOCUMENTATION, "done", List.of(), MALLORY))
                .isInstanceOf(ChangeRequestException.NotAuthorised.class);
    }

    @Test
    void verifyWaitsForTheObservationWindow() {
        ChangeRequest cr = f.deployed();
        f.advanceTime(Duration.ofHours(5).plusMinutes(59));
        assertThatThrownBy(() -> s.advance(cr.id(), VERIFIED, LEE, ""))
                .isInstanceOfSatisfying(ChangeRequestException.ObservationWindowOpen.class,
                        e -> assertThat(e.endsAt()).isEqualTo(cr.deployedAt().plus(Duration.ofHours(6))))
                .hasMessageContaining("ends at 2026-03-02T15:00:00Z")
                .hasMessageContaining("normal observation window of 6 h");
        f.advanceTime(Duration.ofMinutes(1));
        assertThat(s.advance(cr.id(), VERIFIED, LEE, "").state()).isEqualTo(VERIFIED);
    }

    @Test
    void everyIllegalTransitionIsRefusedByTheService() {
        // Walk one request through every state and, at each, try every state the table forbids.
        ChangeRequest cr = f.approved();
        CrId id = cr.id();
        List<CrState> path = List.of(SCHEDULED, TESTING, TESTING_FAILED, REVISE, TESTING, DEPLOYED, DEPLOY_FAILED, ROLLBACK,
                CLOSED);
        for (CrState next : path) {
            CrState current = s.status(id).cr().state();
            for (CrState target : CrState.values()) {
                if (CrTransitions.allowed(current, target)) {
                    continue;
                }
                assertThatThrownBy(() -> s.advance(id, target, HUGO, "try"))
                        .as(current + " -> " + target)
                        .isInstanceOf(ChangeRequestException.IllegalTransition.class)
                        .hasMessageContaining("is " + current.key())
                        .hasMessageContaining("allowed next: " + CrTransitions.describe(CrTransitions.next(current)));
                assertThat(s.status(id).cr().state()).isEqualTo(current);
            }
            if (next == DEPLOYED) {
                f.satisfyAllGates(id);
            }
            s.advance(id, next, HUGO, "step");
        }
    }

    @Test
    void advanceCannotSetStatesThatHaveTheirOwnOperation() {
        ChangeRequest cr = f.assessed(RiskLevel.MEDIUM);
        assertThatThrownBy(() -> s.advance(cr.id(), APPROVED, HUGO, "I say so"))
                .isInstanceOf(ChangeRequestException.Invalid.class)
                .hasMessageContaining("approved is not reached with advance");
        assertThatThrownBy(() -> s.advance(cr.id(), AWAITING_APPROVAL, HUGO, ""))
                .isInstanceOf(ChangeRequestException.Invalid.class);
        assertThat(s.status(cr.id()).cr().state()).isEqualTo(ASSESSED);
    }

    @Test
    void whoMayAdvance() {
        ChangeRequest cr = f.approved();
        assertThatThrownBy(() -> s.advance(cr.id(), SCHEDULED, MALLORY, ""))
                .isInstanceOf(ChangeRequestException.NotAuthorised.class)
                .hasMessageContaining("@mallory:example.org may not move " + cr.id() + " to scheduled")
                .hasMessageContaining("the requester or one of: security lead, CTO, highest authority");
        s.advance(cr.id(), SCHEDULED, ALICE, "");
        s.advance(cr.id(), TESTING, ALICE, "");
        f.satisfyAllGates(cr.id());
        // The requester may not deploy their own change; a lead may.
        assertThatThrownBy(() -> s.advance(cr.id(), DEPLOYED, ALICE, ""))
                .isInstanceOf(ChangeRequestException.NotAuthorised.class);
        assertThat(s.advance(cr.id(), DEPLOYED, HUGO, "").state()).isEqualTo(DEPLOYED);
    }

    @Test
    void everyTransitionIsLoggedWithActorTimeAndReason() {
        ChangeRequest cr = f.approved();
        f.advanceTime(Duration.ofMinutes(7));
        s.advance(cr.id(), SCHEDULED, ALICE, "Saturday window");
        ChangeLogEntry last = f.env.changeLog().forRequest(cr.ref()).getLast();
        assertThat(last.kind()).isEqualTo(ChangeLogEntry.Kind.TRANSITION);
        assertThat(last.from()).isEqualTo(APPROVED);
        assertThat(last.to()).isEqualTo(SCHEDULED);
        assertThat(last.actor()).isEqualTo(ALICE);
        assertThat(last.at()).isEqualTo(f.clock.instant());
        assertThat(last.reason()).isEqualTo("Saturday window");
        assertThat(last.crId()).isEqualTo(cr.id());
    }

    @Test
    void idsAreAssignedAtSubmissionPerYearAndKind() {
        ChangeRequest d1 = s.create(ALICE, NewChange.normal("one"));
        ChangeRequest d2 = s.create(ALICE, NewChange.normal("two"));
        assertThat(d1.id()).isNull();
        assertThat(d1.displayId()).isEqualTo("DRAFT-1");
        // Submission order, not creation order, decides the number.
        assertThat(s.submit(d2.ref(), ALICE).id()).hasToString("CR-2026-001");
        assertThat(s.submit(d1.ref(), ALICE).id()).hasToString("CR-2026-002");
        ChangeRequest ai = s.create(BOT, new NewChange(CrKind.GENERATED, org.compliancebot.bot.change.ChangeType.NORMAL,
                null, org.compliancebot.bot.change.ChangeDescription.of("index scan_date")));
        assertThat(s.submit(ai.ref(), BOT).id()).hasToString("AI-CR-2026-001");
        f.clock.set(java.time.Instant.parse("2027-01-01T00:00:01Z"));
        assertThat(s.submit(s.create(ALICE, NewChange.normal("three")).ref(), ALICE).id()).hasToString("CR-2027-001");
        assertThatThrownBy(() -> s.submit(d1.ref(), ALICE)).isInstanceOf(ChangeRequestException.IllegalTransition.class);
    }

    @Test
    void createRefusesForeignUsersEmergenciesAndFakeGeneratedRequests() {
        assertThatThrownBy(() -> s.create(org.compliancebot.bridge.id.UserId.of("@eve:evil.test"), NewChange.normal("x")))
                .isInstanceOf(ChangeRequestException.NotAuthorised.class);
        assertThatThrownBy(() -> s.create(ALICE, new NewChange(CrKind.MANUAL, org.compliancebot.bot.change.ChangeType.EMERGENCY,
                null, org.compliancebot.bot.change.ChangeDescription.of("x"))))
                .isInstanceOf(ChangeRequestException.Invalid.class).hasMessageContaining("declared");
        assertThatThrownBy(() -> s.create(ALICE, new NewChange(CrKind.GENERATED, org.compliancebot.bot.change.ChangeType.NORMAL,
                null, org.compliancebot.bot.change.ChangeDescription.of("x"))))
                .isInstanceOf(ChangeRequestException.Invalid.class);
    }

    @Test
    void reassessingSupersedesTheOpenApprovalRequest() {
        ChangeRequest cr = f.assessed(RiskLevel.MEDIUM);
        var first = (ApprovalStart.Requested) s.requestApproval(cr.id(), ALICE);
        ChangeRequest again = s.assess(cr.id(), AssessmentInput.of(
                org.compliancebot.bot.change.ImpactAssessment.uniform(org.compliancebot.bot.change.ImpactLevel.HIGH),
                WorkflowFixture.riskOf(RiskLevel.HIGH)), LEE);
        assertThat(again.state()).isEqualTo(ASSESSED);
        assertThat(s.approvalRequest(first.request().id()).status())
                .isEqualTo(org.compliancebot.bot.oversight.ApprovalStatus.SUPERSEDED);
        DecisionResult late = s.recordDecision(first.request().id(), f.decision(OLGA, "APPROVED"));
        assertThat(late.accepted()).isFalse();
        assertThat(late.reply().plain()).contains("replaced by a newer one");
        var second = (ApprovalStart.Requested) s.requestApproval(cr.id(), ALICE);
        assertThat(second.request().id()).hasToString("AR-" + cr.id() + "-2");
        assertThat(second.request().riskLevel()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void onlyAssessorsAssess() {
        ChangeRequest cr = f.submitted("x");
        assertThatThrownBy(() -> s.assess(cr.id(), AssessmentInput.of(
                org.compliancebot.bot.change.ImpactAssessment.uniform(org.compliancebot.bot.change.ImpactLevel.LOW),
                WorkflowFixture.riskOf(RiskLevel.LOW)), ALICE))
                .isInstanceOf(ChangeRequestException.NotAuthorised.class);
    }
}
