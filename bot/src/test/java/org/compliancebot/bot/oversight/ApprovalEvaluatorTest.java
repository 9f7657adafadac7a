package org.compliancebot.bot.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancebot.bot.testing.People.*;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.RiskLevel;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bot.roles.RoleDirectory;
import org.compliancebot.bot.testing.People;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.UserId;
import org.junit.jupiter.api.Test;

class ApprovalEvaluatorTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private final RoleDirectory roles = People.directory();
    private final ApprovalEvaluator evaluator = new ApprovalEvaluator(BOT);
    private int events;

    private static ApprovalRequest request(RiskLevel level) {
        return ApprovalRequest.open(new ApprovalRequestId("AR-CR-2026-004-1"), CrId.parse("CR-2026-004"), level,
                ApprovalPolicy.defaults().ruleFor(level), "", ALICE, T0);
    }

    private Candidate approve(UserId who) {
        return candidate(who, new Decision.Approve(), true, true, PinCheck.MATCH);
    }

    private Candidate candidate(UserId who, Decision d, boolean joined, boolean crossSigned, PinCheck pin) {
        return new Candidate(EventId.of("$e" + ++events), who, roles.rolesOf(who), joined, DeviceId.of("D1"),
                crossSigned, pin, d, T0.plusSeconds(events));
    }

    /** Evaluates and, when accepted, adds the decision to the request. */
    private ApprovalRequest apply(ApprovalRequest r, Candidate c) {
        Verdict v = evaluator.evaluate(r, c);
        assertThat(v).as("verdict for " + c.sender()).isInstanceOf(Verdict.Accepted.class);
        return r.withDecision(((Verdict.Accepted) v).decision());
    }

    private RefusalReason refusal(ApprovalRequest r, Candidate c) {
        Verdict v = evaluator.evaluate(r, c);
        assertThat(v).isInstanceOf(Verdict.Refused.class);
        return ((Verdict.Refused) v).reason();
    }

    @Test
    void mediumNeedsOneOverseer() {
        ApprovalRequest r = request(RiskLevel.MEDIUM);
        Verdict v = evaluator.evaluate(r, approve(OLGA));
        assertThat(((Verdict.Accepted) v).decision().countedAs()).isEqualTo(Role.HUMAN_OVERSEER);
        r = r.withDecision(((Verdict.Accepted) v).decision());
        assertThat(ApprovalEvaluator.outcome(r)).isInstanceOf(RequestOutcome.Approved.class);
    }

    @Test
    void stakeholderAloneCannotApproveMedium() {
        assertThat(refusal(request(RiskLevel.MEDIUM), approve(SAM))).isEqualTo(RefusalReason.NOT_A_ROLE_HOLDER);
    }

    @Test
    void highNeedsAnOverseerAndAStakeholder() {
        ApprovalRequest r = apply(request(RiskLevel.HIGH), approve(OLGA));
        RequestOutcome pending = ApprovalEvaluator.outcome(r);
        assertThat(pending).isEqualTo(new RequestOutcome.Pending(java.util.List.of(Role.STAKEHOLDER), "a stakeholder approval"));
        r = apply(r, approve(SAM));
        RequestOutcome.Approved done = (RequestOutcome.Approved) ApprovalEvaluator.outcome(r);
        assertThat(done.approvals()).extracting(RecordedDecision::approver, RecordedDecision::countedAs)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(OLGA, Role.HUMAN_OVERSEER),
                        org.assertj.core.groups.Tuple.tuple(SAM, Role.STAKEHOLDER));
    }

    @Test
    void onePersonWithBothRolesIsNotEnoughForHigh() {
        ApprovalRequest r = apply(request(RiskLevel.HIGH), approve(DANA));
        assertThat(ApprovalEvaluator.outcome(r)).isInstanceOf(RequestOutcome.Pending.class);
        // Dana cannot fill the second slot by approving again.
        assertThat(refusal(r, approve(DANA))).isEqualTo(RefusalReason.ALREADY_DECIDED);
        assertThat(ApprovalEvaluator.outcome(r)).isInstanceOf(RequestOutcome.Pending.class);
    }

    @Test
    void dualRoleApproverTakesWhicheverSlotIsLeft() {
        // Dana first counts as overseer; when Olga (overseer only) approves, Dana moves to stakeholder.
        ApprovalRequest r = apply(request(RiskLevel.HIGH), approve(DANA));
        r = apply(r, approve(OLGA));
        RequestOutcome.Approved done = (RequestOutcome.Approved) ApprovalEvaluator.outcome(r);
        assertThat(done.approvals()).extracting(RecordedDecision::approver, RecordedDecision::countedAs)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(DANA, Role.STAKEHOLDER),
                        org.assertj.core.groups.Tuple.tuple(OLGA, Role.HUMAN_OVERSEER));
    }

    @Test
    void secondOverseerDoesNotReplaceAMissingStakeholder() {
        ApprovalRequest r = apply(request(RiskLevel.HIGH), approve(OLGA));
        Verdict v = evaluator.evaluate(r, approve(OLIVER));
        assertThat(v).isInstanceOf(Verdict.Refused.class);
        assertThat(((Verdict.Refused) v).reason()).isEqualTo(RefusalReason.ROLE_ALREADY_FILLED);
        assertThat(((Verdict.Refused) v).explanation()).contains("still needed: a stakeholder approval");
    }

    @Test
    void criticalNeedsTheHighestAuthorityAndAnOverseer() {
        ApprovalRequest r = request(RiskLevel.CRITICAL);
        assertThat(refusal(r, approve(SAM))).isEqualTo(RefusalReason.NOT_A_ROLE_HOLDER);
        r = apply(r, approve(OLGA));
        assertThat(((RequestOutcome.Pending) ApprovalEvaluator.outcome(r)).inWords()).isEqualTo("a highest authority approval");
        r = apply(r, approve(HUGO));
        assertThat(ApprovalEvaluator.outcome(r)).isInstanceOf(RequestOutcome.Approved.class);
    }

    @Test
    void requesterNeverCountsEvenWithTheRole() {
        ApprovalRequest byOlga = ApprovalRequest.open(new ApprovalRequestId("AR-CR-2026-004-1"), CrId.parse("CR-2026-004"),
                RiskLevel.MEDIUM, ApprovalPolicy.defaults().ruleFor(RiskLevel.MEDIUM), "", OLGA, T0);
        assertThat(refusal(byOlga, approve(OLGA))).isEqualTo(RefusalReason.REQUESTER_CANNOT_APPROVE);
        assertThat(refusal(byOlga, candidate(OLGA, new Decision.Reject("x"), true, true, PinCheck.MATCH)))
                .isEqualTo(RefusalReason.REQUESTER_CANNOT_APPROVE);
    }

    @Test
    void theBotNeverCounts() {
        RoleDirectory misconfigured = RoleDirectory.forServer(SERVER).grant(Role.HUMAN_OVERSEER, BOT).build();
        Candidate c = new Candidate(EventId.of("$b"), BOT, misconfigured.rolesOf(BOT), true, DeviceId.of("BOTDEV"), true,
                PinCheck.MATCH, new Decision.Approve(), T0);
        assertThat(refusal(request(RiskLevel.MEDIUM), c)).isEqualTo(RefusalReason.BOT_CANNOT_APPROVE);
    }

    @Test
    void authorityComesFromTheUserIdAlone() {
        // Nothing but the sender ID carries identity: there is no display name to spoof.
        assertThat(Arrays.stream(Candidate.class.getRecordComponents()).map(c -> c.getName().toLowerCase()))
                .noneMatch(n -> n.contains("display") || n.contains("name"));
        // Mallory may call herself "Olga" in her profile; her user ID still holds no role.
        assertThat(refusal(request(RiskLevel.MEDIUM), approve(MALLORY))).isEqualTo(RefusalReason.NOT_A_ROLE_HOLDER);
        // A look-alike ID on another server is another user.
        UserId lookAlike = UserId.of("@olga:example.org.evil.test");
        assertThat(roles.rolesOf(lookAlike)).isEmpty();
        assertThat(refusal(request(RiskLevel.MEDIUM), approve(lookAlike))).isEqualTo(RefusalReason.NOT_A_ROLE_HOLDER);
    }

    @Test
    void senderMustBeJoined() {
        assertThat(refusal(request(RiskLevel.MEDIUM), candidate(OLGA, new Decision.Approve(), false, true, PinCheck.MATCH)))
                .isEqualTo(RefusalReason.NOT_JOINED);
    }

    @Test
    void crossSigningIsRequiredForHighAndCriticalOnly() {
        Candidate unsigned = candidate(OLGA, new Decision.Approve(), true, false, null);
        assertThat(evaluator.evaluate(request(RiskLevel.MEDIUM), unsigned)).isInstanceOf(Verdict.Accepted.class);
        assertThat(refusal(request(RiskLevel.HIGH), unsigned)).isEqualTo(RefusalReason.DEVICE_NOT_CROSS_SIGNED);
        assertThat(refusal(request(RiskLevel.CRITICAL), candidate(HUGO, new Decision.Approve(), true, false, PinCheck.MATCH)))
                .isEqualTo(RefusalReason.DEVICE_NOT_CROSS_SIGNED);
        assertThat(refusal(request(RiskLevel.HIGH), candidate(SAM, new Decision.Reject("no"), true, false, PinCheck.MATCH)))
                .isEqualTo(RefusalReason.DEVICE_NOT_CROSS_SIGNED);
        // A device reported as cross-signed by someone with no master key is not believed.
        assertThat(refusal(request(RiskLevel.HIGH), candidate(OLGA, new Decision.Approve(), true, true, null)))
                .isEqualTo(RefusalReason.DEVICE_NOT_CROSS_SIGNED);
    }

    @Test
    void changedIdentityBlocksTheApprover() {
        for (RiskLevel level : RiskLevel.values()) {
            if (level == RiskLevel.LOW) {
                continue;
            }
            UserId who = level == RiskLevel.CRITICAL ? HUGO : OLGA;
            assertThat(refusal(request(level), candidate(who, new Decision.Approve(), true, true, PinCheck.CHANGED)))
                    .isEqualTo(RefusalReason.IDENTITY_CHANGED);
        }
        assertThat(evaluator.evaluate(request(RiskLevel.MEDIUM), candidate(OLGA, new Decision.Approve(), true, true,
                PinCheck.FIRST_SEEN))).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void firstValidDecisionBinds() {
        ApprovalRequest r = apply(request(RiskLevel.HIGH), approve(OLGA));
        assertThat(refusal(r, candidate(OLGA, new Decision.Reject("changed my mind"), true, true, PinCheck.MATCH)))
                .isEqualTo(RefusalReason.ALREADY_DECIDED);
        assertThat(ApprovalEvaluator.outcome(r)).isInstanceOf(RequestOutcome.Pending.class);
    }

    @Test
    void refusedDecisionDoesNotBind() {
        ApprovalRequest r = request(RiskLevel.MEDIUM);
        assertThat(refusal(r, candidate(OLGA, new Decision.Approve(), false, true, PinCheck.MATCH)))
                .isEqualTo(RefusalReason.NOT_JOINED);
        r = apply(r, approve(OLGA));
        assertThat(ApprovalEvaluator.outcome(r)).isInstanceOf(RequestOutcome.Approved.class);
    }

    @Test
    void oneEntitledRejectionIsEnough() {
        ApprovalRequest r = apply(request(RiskLevel.HIGH), approve(OLGA));
        r = apply(r, candidate(SAM, new Decision.Reject("too risky"), true, true, PinCheck.MATCH));
        RequestOutcome.Rejected rej = (RequestOutcome.Rejected) ApprovalEvaluator.outcome(r);
        assertThat(rej.rejection().approver()).isEqualTo(SAM);
        assertThat(rej.rejection().reason()).isEqualTo("too risky");
        assertThat(rej.rejection().countedAs()).isEqualTo(Role.STAKEHOLDER);
    }

    @Test
    void requestMustBePending() {
        ApprovalRequest r = request(RiskLevel.MEDIUM);
        assertThat(refusal(r.withStatus(ApprovalStatus.EXPIRED, T0), approve(OLGA))).isEqualTo(RefusalReason.REQUEST_NOT_PENDING);
        assertThat(refusal(r.withStatus(ApprovalStatus.APPROVED, T0), approve(OLIVER))).isEqualTo(RefusalReason.REQUEST_NOT_PENDING);
        assertThat(refusal(r.withStatus(ApprovalStatus.SUPERSEDED, T0), approve(OLGA))).isEqualTo(RefusalReason.REQUEST_SUPERSEDED);
    }

    @Test
    void stillNeededInWords() {
        assertThat(ApprovalEvaluator.stillNeededInWords(java.util.List.of(Role.HUMAN_OVERSEER, Role.STAKEHOLDER)))
                .isEqualTo("an overseer approval and a stakeholder approval");
        assertThat(ApprovalEvaluator.outcome(request(RiskLevel.CRITICAL)))
                .isEqualTo(new RequestOutcome.Pending(java.util.List.of(Role.HIGHEST_AUTHORITY, Role.HUMAN_OVERSEER),
                        "a highest authority approval and an overseer approval"));
    }

    @Test
    void slotMatcherCountsEachPersonOnce() {
        SlotMatcher m = SlotMatcher.match(java.util.List.of(Role.HUMAN_OVERSEER, Role.STAKEHOLDER),
                java.util.List.of(Set.of(Role.HUMAN_OVERSEER, Role.STAKEHOLDER)));
        assertThat(m.filled()).isEqualTo(1);
        assertThat(m.open()).hasSize(1);
    }
}
