package org.compliancebot.bot.oversight;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.RiskLevel;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * A request for human approval of one change request: what is asked and of whom ({@link #rule}),
 * where it was posted, its status and the accepted decisions. Immutable; the workflow replaces it.
 *
 * <p>{@code requester} is copied from the change request so that separation of duties can be
 * checked from the approval request alone. {@code roomId} and {@code postedEventId} are null until
 * the wiring has posted the message.
 */
public record ApprovalRequest(
        ApprovalRequestId id,
        CrId crId,
        RiskLevel riskLevel,
        ApprovalRule rule,
        String guardrail,
        UserId requester,
        RoomId roomId,
        EventId postedEventId,
        Instant createdAt,
        ApprovalStatus status,
        Instant closedAt,
        List<RecordedDecision> decisions,
        Set<ApprovalTimer> firedTimers) {

    public ApprovalRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(crId, "cr id");
        Objects.requireNonNull(riskLevel, "risk level");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(createdAt, "created at");
        Objects.requireNonNull(status, "status");
        if (rule.automatic()) {
            throw new IllegalArgumentException("automatic approvals need no approval request");
        }
        guardrail = guardrail == null ? "" : guardrail;
        decisions = List.copyOf(decisions);
        EnumSet<ApprovalTimer> t = EnumSet.noneOf(ApprovalTimer.class);
        t.addAll(firedTimers);
        firedTimers = Collections.unmodifiableSet(t);
    }

    /** A new pending request. */
    public static ApprovalRequest open(ApprovalRequestId id, CrId crId, RiskLevel level, ApprovalRule rule,
            String guardrail, UserId requester, Instant now) {
        return new ApprovalRequest(id, crId, level, rule, guardrail, requester, null, null, now,
                ApprovalStatus.PENDING, null, List.of(), Set.of());
    }

    public boolean isPending() {
        return status == ApprovalStatus.PENDING;
    }

    public Optional<EventId> postedEvent() {
        return Optional.ofNullable(postedEventId);
    }

    /** The accepted decision of {@code user}, if any; the first valid decision binds. */
    public Optional<RecordedDecision> decisionOf(UserId user) {
        return decisions.stream().filter(d -> d.approver().equals(user)).findFirst();
    }

    public ApprovalRequest withPosted(RoomId room, EventId event) {
        return new ApprovalRequest(id, crId, riskLevel, rule, guardrail, requester, room, event, createdAt, status,
                closedAt, decisions, firedTimers);
    }

    public ApprovalRequest withDecision(RecordedDecision d) {
        List<RecordedDecision> all = new ArrayList<>(decisions);
        all.add(d);
        return new ApprovalRequest(id, crId, riskLevel, rule, guardrail, requester, roomId, postedEventId, createdAt,
                status, closedAt, all, firedTimers);
    }

    public ApprovalRequest withStatus(ApprovalStatus s, Instant at) {
        return new ApprovalRequest(id, crId, riskLevel, rule, guardrail, requester, roomId, postedEventId, createdAt,
                s, at, decisions, firedTimers);
    }

    public ApprovalRequest withFired(ApprovalTimer timer) {
        EnumSet<ApprovalTimer> t = EnumSet.of(timer);
        t.addAll(firedTimers);
        return new ApprovalRequest(id, crId, riskLevel, rule, guardrail, requester, roomId, postedEventId, createdAt,
                status, closedAt, decisions, t);
    }
}
