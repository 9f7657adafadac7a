package org.compliancebot.bot.oversight;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bridge.id.UserId;

/**
 * Decides whether a decision counts toward an approval request, and what the request's outcome is.
 * Pure: it sees only the request and the facts in the {@link Candidate}.
 *
 * <p>Checks, in order: the request is pending; the sender is not the bot; the sender is not the
 * requester (separation of duties); the sender holds a role the rule asks for; the sender was
 * joined; their identity has not changed since it was pinned; the device is cross-signed when the
 * rule requires it; the sender has not already decided (the first valid decision binds); and an
 * approval fills a slot that is still open.
 */
public final class ApprovalEvaluator {
    private final UserId botUser;

    /** @param botUser the bot's own user ID, which never counts as an approver */
    public ApprovalEvaluator(UserId botUser) {
        this.botUser = Objects.requireNonNull(botUser, "bot user");
    }

    public Verdict evaluate(ApprovalRequest request, Candidate c) {
        ApprovalRule rule = request.rule();
        String cr = request.crId().toString();
        if (request.status() == ApprovalStatus.SUPERSEDED) {
            return refuse(RefusalReason.REQUEST_SUPERSEDED, "this approval request for " + cr
                    + " was replaced by a newer one; answer the newer request");
        }
        if (!request.isPending()) {
            return refuse(RefusalReason.REQUEST_NOT_PENDING, "this approval request for " + cr + " is already "
                    + request.status().key());
        }
        if (c.sender().equals(botUser)) {
            return refuse(RefusalReason.BOT_CANNOT_APPROVE, "the bot does not decide on approval requests");
        }
        if (c.sender().equals(request.requester())) {
            return refuse(RefusalReason.REQUESTER_CANNOT_APPROVE, c.sender() + " requested " + cr
                    + " and cannot decide on it (separation of duties)");
        }
        Set<Role> relevant = relevantRoles(rule, c.senderRoles());
        if (relevant.isEmpty()) {
            return refuse(RefusalReason.NOT_A_ROLE_HOLDER, c.sender() + " does not hold a role this request asks for ("
                    + rule.slots().stream().map(Role::label).distinct().collect(Collectors.joining(", ")) + ")");
        }
        if (!c.joined()) {
            return refuse(RefusalReason.NOT_JOINED, c.sender() + " was not joined to the room when deciding");
        }
        if (c.identity() == PinCheck.CHANGED) {
            return refuse(RefusalReason.IDENTITY_CHANGED, "the cross-signing identity of " + c.sender()
                    + " changed since it was first seen; an admin must re-pin it before their decisions count");
        }
        // Without a master key there is nothing the device could be cross-signed by.
        if (rule.crossSigningRequired() && (!c.deviceCrossSigned() || c.identity() == null)) {
            return refuse(RefusalReason.DEVICE_NOT_CROSS_SIGNED, "a " + request.riskLevel().key()
                    + "-risk decision must come from a device cross-signed by its owner; device "
                    + (c.device() == null ? "(unknown)" : c.device()) + " is not");
        }
        if (request.decisionOf(c.sender()).isPresent()) {
            return refuse(RefusalReason.ALREADY_DECIDED, c.sender() + " has already decided on " + cr
                    + "; the first decision stands");
        }
        if (c.decision() instanceof Decision.Reject reject) {
            Role counted = rule.slots().stream().filter(relevant::contains).findFirst().orElseThrow();
            return new Verdict.Accepted(new RecordedDecision(c.eventId(), c.sender(), c.device(), DecisionKind.REJECT,
                    reject.reason(), relevant, counted, c.at()));
        }
        List<Set<Role>> approvers = approverRoles(request);
        int before = SlotMatcher.match(rule.slots(), approvers).filled();
        approvers.add(relevant);
        SlotMatcher after = SlotMatcher.match(rule.slots(), approvers);
        if (after.filled() == before) {
            return refuse(RefusalReason.ROLE_ALREADY_FILLED, "the " + relevant.stream().map(Role::label)
                    .collect(Collectors.joining(" / ")) + " approval is already given; still needed: "
                    + stillNeededInWords(SlotMatcher.match(rule.slots(), approverRoles(request)).open()));
        }
        Role counted = after.roleOf(approvers.size() - 1);
        return new Verdict.Accepted(new RecordedDecision(c.eventId(), c.sender(), c.device(), DecisionKind.APPROVE,
                "", relevant, counted, c.at()));
    }

    /** The outcome given the accepted decisions in {@code request}. */
    public static RequestOutcome outcome(ApprovalRequest request) {
        for (RecordedDecision d : request.decisions()) {
            if (d.kind() == DecisionKind.REJECT) {
                return new RequestOutcome.Rejected(d);
            }
        }
        List<RecordedDecision> approvals = request.decisions().stream()
                .filter(d -> d.kind() == DecisionKind.APPROVE).toList();
        SlotMatcher m = SlotMatcher.match(request.rule().slots(),
                approvals.stream().map(RecordedDecision::rolesHeld).toList());
        if (m.open().isEmpty()) {
            List<RecordedDecision> assigned = new ArrayList<>();
            for (int i = 0; i < approvals.size(); i++) {
                Role role = m.roleOf(i);
                if (role != null) {
                    RecordedDecision d = approvals.get(i);
                    assigned.add(new RecordedDecision(d.eventId(), d.approver(), d.device(), d.kind(), d.reason(),
                            d.rolesHeld(), role, d.at()));
                }
            }
            return new RequestOutcome.Approved(assigned);
        }
        return new RequestOutcome.Pending(m.open(), stillNeededInWords(m.open()));
    }

    /** {@code "a stakeholder approval"}, {@code "an overseer approval and a stakeholder approval"}. */
    public static String stillNeededInWords(List<Role> open) {
        if (open.isEmpty()) {
            return "nothing";
        }
        return ApprovalRule.joinWithAnd(open.stream().map(r -> ApprovalRule.article(r.label()) + " approval").toList());
    }

    private static Set<Role> relevantRoles(ApprovalRule rule, Set<Role> held) {
        EnumSet<Role> r = EnumSet.noneOf(Role.class);
        for (Role role : rule.slots()) {
            if (held.contains(role)) {
                r.add(role);
            }
        }
        return r;
    }

    private static List<Set<Role>> approverRoles(ApprovalRequest request) {
        return new ArrayList<>(request.decisions().stream().filter(d -> d.kind() == DecisionKind.APPROVE)
                .map(RecordedDecision::rolesHeld).toList());
    }

    private static Verdict refuse(RefusalReason reason, String explanation) {
        return new Verdict.Refused(reason, explanation);
    }
}
