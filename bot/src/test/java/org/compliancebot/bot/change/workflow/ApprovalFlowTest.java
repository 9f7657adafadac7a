package org.compliancebot.bot.change.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.compliancebot.bot.testing.People.*;

import java.util.List;
import java.util.Set;
import org.compliancebot.bot.change.ChangeDescription;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeRequestException;
import org.compliancebot.bot.change.ChangeType;
import org.compliancebot.bot.change.CrKind;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.Gate;
import org.compliancebot.bot.change.ImpactAssessment;
import org.compliancebot.bot.change.ImpactLevel;
import org.compliancebot.bot.change.RiskLevel;
import org.compliancebot.bot.oversight.ApprovalRequest;
import org.compliancebot.bot.oversight.ApprovalStatus;
import org.compliancebot.bot.oversight.DecisionEvidence;
import org.compliancebot.bot.oversight.InMemoryIdentityPins;
import org.compliancebot.bot.oversight.PinCheck;
import org.compliancebot.bot.oversight.RequestOutcome;
import org.compliancebot.bot.testing.WorkflowFixture;
import org.compliancebot.bridge.id.EventId;
import org.junit.jupiter.api.Test;

class ApprovalFlowTest {
    private final WorkflowFixture f = new WorkflowFixture();
    private final ChangeRequestService s = f.service;

    private ApprovalRequest requested(RiskLevel level) {
        ChangeRequest cr = f.assessed(level);
        ApprovalStart start = s.requestApproval(cr.id(), ALICE);
        assertThat(start).isInstanceOf(ApprovalStart.Requested.class);
        return ((ApprovalStart.Requested) start).request();
    }

    private CrState state(ApprovalRequest r) {
        return s.status(r.crId()).cr().state();
    }

    @Test
    void lowRiskIsApprovedByTheBotAndRecordedAsSuch() {
        ChangeRequest cr = f.assessed(RiskLevel.LOW);
        ApprovalStart start = s.requestApproval(cr.id(), ALICE);
        assertThat(start).isInstanceOf(ApprovalStart.AutoApproved.class);
        ChangeRequest approved = s.status(cr.id()).cr();
        assertThat(approved.state()).isEqualTo(CrState.APPROVED);
        assertThat(approved.approval().byBot()).isTrue();
        assertThat(approved.approval().approvers()).containsExactly(BOT);
        assertThat(approved.gates().get(Gate.APPROVAL).by()).isEqualTo(BOT);
        assertThat(f.env.changeLog().forRequest(cr.ref()).getLast()).satisfies(e -> {
            assertThat(e.actor()).isEqualTo(BOT);
            assertThat(e.to()).isEqualTo(CrState.APPROVED);
            assertThat(e.reason()).contains("approved automatically by the bot");
        });
        assertThat(f.env.approvals().forChangeRequest(cr.id())).isEmpty();
        assertThat(f.notifier.sent(Notification.AutoApproved.class)).hasSize(1);
    }

    @Test
    void governanceChangesAreNeverAutoApproved() {
        ChangeRequest draft = s.create(ALICE, new NewChange(CrKind.MANUAL, ChangeType.STANDARD, null,
                new ChangeDescription("Change the approval policy", "", List.of(), List.of(), Set.of("governance"))));
        ChangeRequest cr = s.submit(draft.ref(), ALICE);
        s.assess(cr.id(), AssessmentInput.of(ImpactAssessment.uniform(ImpactLevel.LOW), WorkflowFixture.riskOf(RiskLevel.LOW)), LEE);
        ApprovalStart start = s.requestApproval(cr.id(), ALICE);
        ApprovalRequest req = ((ApprovalStart.Requested) start).request();
        assertThat(req.riskLevel()).isEqualTo(RiskLevel.LOW);
        assertThat(req.rule().describe()).isEqualTo("one overseer");
        assertThat(req.guardrail()).contains("governance");
        assertThat(((ApprovalStart.Requested) start).message().plain()).contains("Not approved automatically");
    }

    @Test
    void requesterWhoAssessedTheirOwnChangeGetsNoAutoApproval() {
        ChangeRequest cr = s.submit(s.create(LEE, NewChange.normal("tweak config")).ref(), LEE);
        s.assess(cr.id(), AssessmentInput.of(ImpactAssessment.uniform(ImpactLevel.LOW), WorkflowFixture.riskOf(RiskLevel.LOW)), LEE);
        ApprovalStart start = s.requestApproval(cr.id(), LEE);
        assertThat(start).isInstanceOf(ApprovalStart.Requested.class);
        assertThat(((ApprovalStart.Requested) start).request().guardrail()).contains("assessed their own change");
    }

    @Test
    void mediumIsPostedAndApprovedByOneOverseer() {
        ApprovalRequest req = requested(RiskLevel.MEDIUM);
        assertThat(state(req)).isEqualTo(CrState.AWAITING_APPROVAL);
        assertThat(f.notifier.sent(Notification.ApprovalRequested.class)).singleElement()
                .satisfies(n -> assertThat(n.message().plain()).contains(req.crId().toString(), "one overseer"));
        s.markPosted(req.id(), WorkflowFixture.OVERSIGHT_ROOM, EventId.of("$request"));
        assertThat(s.approvalRequestForEvent(EventId.of("$request"))).map(ApprovalRequest::id).contains(req.id());

        DecisionResult r = s.recordDecision(req.id(), f.decision(OLGA, "APPROVED - looks fine"));
        assertThat(r.accepted()).isTrue();
        assertThat(r.outcome()).isInstanceOf(RequestOutcome.Approved.class);
        assertThat(r.reply().plain()).isEqualTo("@olga:example.org approved " + req.crId() + " (overseer). " + req.crId()
                + " is APPROVED.");
        ChangeRequest cr = s.status(req.crId()).cr();
        assertThat(cr.state()).isEqualTo(CrState.APPROVED);
        assertThat(cr.approval().byBot()).isFalse();
        assertThat(cr.approval().approvers()).containsExactly(OLGA);
        assertThat(cr.gates().get(Gate.APPROVAL).text()).contains("@olga:example.org (overseer)");
        assertThat(s.approvalRequest(req.id()).status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void highNeedsTwoPeopleAndSaysWhatIsStillNeeded() {
        ApprovalRequest req = requested(RiskLevel.HIGH);
        DecisionResult first = s.recordDecision(req.id(), f.decision(OLGA, "approved"));
        assertThat(first.reply().plain()).isEqualTo("@olga:example.org approved " + req.crId()
                + " (overseer). Still needed: a stakeholder approval.");
        assertThat(state(req)).isEqualTo(CrState.AWAITING_APPROVAL);
        DecisionResult second = s.recordDecision(req.id(), f.decision(SAM, "APPROVED."));
        assertThat(second.reply().plain()).endsWith("is APPROVED.");
        assertThat(state(req)).isEqualTo(CrState.APPROVED);
        assertThat(s.status(req.crId()).cr().approval().approvers()).containsExactly(OLGA, SAM);
    }

    @Test
    void onePersonHoldingBothRolesCannotApproveHighAlone() {
        ApprovalRequest req = requested(RiskLevel.HIGH);
        s.recordDecision(req.id(), f.decision(DANA, "APPROVED"));
        DecisionResult again = s.recordDecision(req.id(), f.decision(DANA, "APPROVED"));
        assertThat(again.accepted()).isFalse();
        assertThat(again.reply().plain()).contains("already decided");
        assertThat(state(req)).isEqualTo(CrState.AWAITING_APPROVAL);
    }

    @Test
    void requesterCannotApproveOwnChange() {
        ChangeRequest cr = s.submit(s.create(OLGA, NewChange.normal("olga's change")).ref(), OLGA);
        s.assess(cr.id(), AssessmentInput.of(ImpactAssessment.uniform(ImpactLevel.MEDIUM), WorkflowFixture.riskOf(RiskLevel.MEDIUM)), LEE);
        ApprovalRequest req = ((ApprovalStart.Requested) s.requestApproval(cr.id(), OLGA)).request();
        DecisionResult r = s.recordDecision(req.id(), f.decision(OLGA, "APPROVED"));
        assertThat(r.accepted()).isFalse();
        assertThat(r.reply().plain()).contains("separation of duties");
        assertThat(state(req)).isEqualTo(CrState.AWAITING_APPROVAL);
        assertThat(s.recordDecision(req.id(), f.decision(OLIVER, "APPROVED")).accepted()).isTrue();
    }

    @Test
    void oneEntitledRejectionRejects() {
        ApprovalRequest req = requested(RiskLevel.HIGH);
        s.recordDecision(req.id(), f.decision(OLGA, "APPROVED"));
        DecisionResult r = s.recordDecision(req.id(), f.decision(SAM, "Rejected: rollback untested"));
        assertThat(r.reply().plain()).isEqualTo("@sam:example.org rejected " + req.crId()
                + " (stakeholder): rollback untested. " + req.crId() + " is REJECTED.");
        assertThat(state(req)).isEqualTo(CrState.REJECTED);
        assertThat(s.approvalRequest(req.id()).status()).isEqualTo(ApprovalStatus.REJECTED);
        DecisionResult late = s.recordDecision(req.id(), f.decision(DANA, "APPROVED"));
        assertThat(late.accepted()).isFalse();
        assertThat(late.reply().plain()).contains("already rejected");
    }

    @Test
    void nonDecisionsGetHelpAndNoEvidence() {
        ApprovalRequest req = requested(RiskLevel.MEDIUM);
        DecisionResult r = s.recordDecision(req.id(), f.decision(OLGA, "what is the rollback plan?"));
        assertThat(r.verdict()).isNull();
        assertThat(r.reply().plain()).contains("To approve, reply APPROVED");
        assertThat(f.evidence().records()).isEmpty();
        assertThat(state(req)).isEqualTo(CrState.AWAITING_APPROVAL);
    }

    @Test
    void everyDecisionAcceptedOrRefusedLeavesEvidence() {
        ApprovalRequest req = requested(RiskLevel.HIGH);
        s.markPosted(req.id(), WorkflowFixture.OVERSIGHT_ROOM, EventId.of("$request"));
        s.recordDecision(req.id(), f.facts(SAM, "APPROVED", true, false, "master-sam"));
        s.recordDecision(req.id(), f.decision(MALLORY, "APPROVED"));
        s.recordDecision(req.id(), f.decision(OLGA, "APPROVED"));
        List<DecisionEvidence> ev = f.evidence().records();
        assertThat(ev).extracting(DecisionEvidence::outcome).containsExactly("refused:device-not-cross-signed",
                "refused:not-a-role-holder", "accepted:approve:human_overseer");
        DecisionEvidence olga = ev.get(2);
        assertThat(olga.roomId()).isEqualTo(WorkflowFixture.OVERSIGHT_ROOM);
        assertThat(olga.sender()).isEqualTo(OLGA);
        assertThat(olga.device()).hasToString("DEVolga");
        assertThat(olga.deviceCrossSigned()).isTrue();
        assertThat(olga.identity()).isEqualTo("first_seen");
        assertThat(olga.text()).isEqualTo("APPROVED");
        assertThat(olga.at()).isEqualTo(f.clock.instant());
        assertThat(olga.crId()).isEqualTo(req.crId().toString());
        assertThat(ev.get(0).deviceCrossSigned()).isFalse();
        // Refusals are also in the change log.
        assertThat(f.env.changeLog().forRequest(s.status(req.crId()).cr().ref()))
                .filteredOn(e -> e.kind() == ChangeLogEntry.Kind.DECISION).hasSize(3);
    }

    @Test
    void identityIsPinnedOnFirstAcceptedDecisionAndAChangeBlocksUntilRepinned() {
        ApprovalRequest first = requested(RiskLevel.MEDIUM);
        s.recordDecision(first.id(), f.facts(OLGA, "APPROVED", true, true, "KEY-A"));
        assertThat(f.env.identityPins().check(OLGA, "KEY-A")).isEqualTo(PinCheck.MATCH);

        ApprovalRequest second = requested(RiskLevel.MEDIUM);
        DecisionResult blocked = s.recordDecision(second.id(), f.facts(OLGA, "APPROVED", true, true, "KEY-B"));
        assertThat(blocked.accepted()).isFalse();
        assertThat(blocked.reply().plain()).contains("identity", "re-pin");
        assertThat(f.evidence().records().getLast().identity()).isEqualTo("changed");

        assertThatThrownBy(() -> s.repinIdentity(OLGA, "KEY-B", ALICE)).isInstanceOf(ChangeRequestException.NotAuthorised.class);
        s.repinIdentity(OLGA, "KEY-B", LEE);
        assertThat(((InMemoryIdentityPins) f.env.identityPins()).history()).hasSize(1);
        assertThat(s.recordDecision(second.id(), f.facts(OLGA, "APPROVED", true, true, "KEY-B")).accepted()).isTrue();
    }

    @Test
    void editsAndRedactionsNeverChangeARecordedDecision() {
        ApprovalRequest req = requested(RiskLevel.HIGH);
        var approval = f.decision(OLGA, "APPROVED");
        s.recordDecision(req.id(), approval);
        s.recordDecisionEdit(req.id(), f.decision(OLGA, "REJECTED: changed my mind"), approval.eventId(), false);
        s.recordDecisionEdit(req.id(), f.decision(OLGA, ""), approval.eventId(), true);
        ApprovalRequest now = s.approvalRequest(req.id());
        assertThat(now.decisions()).singleElement().satisfies(d -> {
            assertThat(d.approver()).isEqualTo(OLGA);
            assertThat(d.eventId()).isEqualTo(approval.eventId());
        });
        assertThat(now.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(f.evidence().records()).extracting(DecisionEvidence::outcome)
                .containsExactly("accepted:approve:human_overseer", "decision-edit-ignored", "decision-edit-ignored");
        assertThat(f.evidence().records().get(1).text()).contains("edit of " + approval.eventId(), "changed my mind");
        assertThat(f.evidence().records().get(2).text()).isEqualTo("redaction of " + approval.eventId());
        assertThat(f.env.changeLog().all()).filteredOn(e -> e.kind() == ChangeLogEntry.Kind.DECISION_EDIT_IGNORED).hasSize(2);
    }

    @Test
    void theSameEventDeliveredTwiceCountsOnce() {
        ApprovalRequest req = requested(RiskLevel.HIGH);
        var approval = f.decision(OLGA, "APPROVED");
        DecisionResult a = s.recordDecision(req.id(), approval);
        DecisionResult b = s.recordDecision(req.id(), approval);
        assertThat(b.accepted()).isTrue();
        assertThat(b.reply()).isEqualTo(a.reply());
        assertThat(s.approvalRequest(req.id()).decisions()).hasSize(1);
        assertThat(f.evidence().records()).hasSize(1);
    }

    @Test
    void requestApprovalRequiresAnAssessedChange() {
        ChangeRequest cr = f.submitted("x");
        assertThatThrownBy(() -> s.requestApproval(cr.id(), ALICE)).isInstanceOf(ChangeRequestException.IllegalTransition.class);
        ApprovalRequest req = requested(RiskLevel.MEDIUM);
        assertThatThrownBy(() -> s.requestApproval(req.crId(), ALICE))
                .isInstanceOf(ChangeRequestException.Invalid.class).hasMessageContaining("already awaiting approval");
    }
}
