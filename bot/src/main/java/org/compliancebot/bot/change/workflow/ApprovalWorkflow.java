package org.compliancebot.bot.change.workflow;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.compliancebot.bot.change.ApprovalRecord;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeRequestException;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.Gate;
import org.compliancebot.bot.change.GateEvidence;
import org.compliancebot.bot.change.RiskLevel;
import org.compliancebot.bot.oversight.ApprovalEvaluator;
import org.compliancebot.bot.oversight.ApprovalMessageRenderer;
import org.compliancebot.bot.oversight.ApprovalPolicy;
import org.compliancebot.bot.oversight.ApprovalRequest;
import org.compliancebot.bot.oversight.ApprovalRequestId;
import org.compliancebot.bot.oversight.ApprovalStatus;
import org.compliancebot.bot.oversight.Candidate;
import org.compliancebot.bot.oversight.Decision;
import org.compliancebot.bot.oversight.DecisionEvidence;
import org.compliancebot.bot.oversight.DecisionKind;
import org.compliancebot.bot.oversight.DecisionParser;
import org.compliancebot.bot.oversight.DecisionReplies;
import org.compliancebot.bot.oversight.PinCheck;
import org.compliancebot.bot.oversight.RecordedDecision;
import org.compliancebot.bot.oversight.RenderedMessage;
import org.compliancebot.bot.oversight.RequestOutcome;
import org.compliancebot.bot.oversight.Verdict;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/** The approval part of the workflow: opening requests, recording decisions, expiring requests. */
final class ApprovalWorkflow {
    private final WorkflowEnvironment env;
    private final CrStore store;
    private final ApprovalEvaluator evaluator;

    ApprovalWorkflow(WorkflowEnvironment env, CrStore store) {
        this.env = env;
        this.store = store;
        this.evaluator = new ApprovalEvaluator(env.botUser());
    }

    ApprovalStart requestApproval(ChangeRequest cr, UserId actor) {
        store.authorise(actor, env.workflowPolicy().submitters(), cr, true, "request approval of " + cr.displayId());
        if (cr.state() == CrState.AWAITING_APPROVAL) {
            String open = pendingFor(cr).map(r -> r.id().toString()).orElse("an open request");
            throw new ChangeRequestException.Invalid(cr.displayId() + " is already awaiting approval (" + open + ")");
        }
        if (cr.state() != CrState.ASSESSED) {
            throw new ChangeRequestException.IllegalTransition(cr.displayId(), cr.state(), CrState.AWAITING_APPROVAL,
                    org.compliancebot.bot.change.CrTransitions.next(cr.state()));
        }
        RiskLevel level = cr.riskLevel().orElseThrow();
        ApprovalPolicy.Authority authority = env.approvalPolicy().authorityFor(cr, level);
        if (authority.rule().automatic() && cr.requester().equals(cr.assessedBy())) {
            // Otherwise a requester could assess their own change as low risk and have it approved.
            authority = new ApprovalPolicy.Authority(env.approvalPolicy().ruleFor(RiskLevel.MEDIUM),
                    "the requester assessed their own change");
        }
        Instant now = store.now();
        if (authority.rule().automatic()) {
            String reason = "low risk: approved automatically by the bot within its guardrails";
            ChangeRequest approved = store.transition(cr, CrState.APPROVED, env.botUser(), reason, b -> {
                b.approval = new ApprovalRecord(List.of(env.botUser()), true, now, "");
                b.gates.put(Gate.APPROVAL, new GateEvidence("approved automatically by the bot (low risk)",
                        List.of(), env.botUser(), now));
            });
            env.notifier().send(new Notification.AutoApproved(approved, RenderedMessage.text(
                    approved.displayId() + " (" + approved.description().summary() + ") is low risk and was approved"
                            + " automatically by the bot.")));
            return new ApprovalStart.AutoApproved(approved);
        }
        int n = env.approvals().forChangeRequest(cr.id()).size() + 1;
        ApprovalRequest req = ApprovalRequest.open(new ApprovalRequestId("AR-" + cr.id() + "-" + n), cr.id(), level,
                authority.rule(), authority.guardrail(), cr.requester(), now);
        env.approvals().save(req);
        ChangeRequest awaiting = store.transition(cr, CrState.AWAITING_APPROVAL, actor,
                "approval requested (" + req.id() + ") from " + authority.rule().describe(), b -> {});
        store.log(awaiting, actor, ChangeLogEntry.Kind.APPROVAL_REQUESTED, req.id() + ": " + level.label()
                + " risk, needs " + authority.rule().describe()
                + (authority.guardrail().isEmpty() ? "" : "; not automatic because " + authority.guardrail()));
        RenderedMessage msg = ApprovalMessageRenderer.render(awaiting, req,
                now.plus(env.timerPolicy().approvalExpiryAfter()));
        env.notifier().send(new Notification.ApprovalRequested(req, msg));
        return new ApprovalStart.Requested(awaiting, req, msg);
    }

    java.util.Optional<ApprovalRequest> pendingFor(ChangeRequest cr) {
        return cr.id() == null ? java.util.Optional.empty()
                : env.approvals().forChangeRequest(cr.id()).stream().filter(ApprovalRequest::isPending).findFirst();
    }

    ApprovalRequest load(ApprovalRequestId id) {
        return env.approvals().byId(id).orElseThrow(() -> new ChangeRequestException.NotFound("approval request " + id));
    }

    void markPosted(ApprovalRequestId id, RoomId room, EventId event) {
        env.approvals().save(load(id).withPosted(room, event));
    }

    DecisionResult recordDecision(ApprovalRequestId id, DecisionFacts f) {
        ApprovalRequest req = load(id);
        Decision parsed = DecisionParser.parse(f.body(), f.formattedBody());
        if (parsed instanceof Decision.NotADecision nd) {
            return new DecisionResult(parsed, null, null, DecisionReplies.help(req.crId(), nd.why()));
        }
        // The same event delivered twice must not count, nor be refused, a second time.
        for (RecordedDecision d : req.decisions()) {
            if (d.eventId().equals(f.eventId())) {
                RequestOutcome outcome = ApprovalEvaluator.outcome(req);
                return new DecisionResult(parsed, new Verdict.Accepted(d), outcome,
                        DecisionReplies.confirmation(req.crId(), d, outcome));
            }
        }
        PinCheck identity = f.masterKey() == null ? null : env.identityPins().check(f.sender(), f.masterKey());
        Instant now = store.now();
        Candidate c = new Candidate(f.eventId(), f.sender(), env.roles().rolesOf(f.sender()), f.joined(), f.device(),
                f.deviceCrossSigned(), identity, parsed, now);
        Verdict verdict = evaluator.evaluate(req, c);
        ChangeRequest cr = store.load(req.crId());
        if (verdict instanceof Verdict.Refused refused) {
            evidence(req, f, identity, f.body(), "refused:" + refused.reason().code());
            store.log(cr, f.sender(), ChangeLogEntry.Kind.DECISION, "decision in " + req.id() + " not counted: "
                    + refused.explanation());
            return new DecisionResult(parsed, verdict, null,
                    DecisionReplies.refused(req.crId(), f.sender(), refused.explanation()));
        }
        RecordedDecision d = ((Verdict.Accepted) verdict).decision();
        evidence(req, f, identity, f.body(), "accepted:" + d.kind().name().toLowerCase(java.util.Locale.ROOT) + ":"
                + d.countedAs().key());
        if (identity == PinCheck.FIRST_SEEN) {
            env.identityPins().pin(f.sender(), f.masterKey());
        }
        req = req.withDecision(d);
        RequestOutcome outcome = ApprovalEvaluator.outcome(req);
        store.log(cr, f.sender(), ChangeLogEntry.Kind.DECISION, req.id() + ": " + f.sender() + " "
                + (d.kind() == DecisionKind.APPROVE ? "approved" : "rejected: " + d.reason())
                + " (" + d.countedAs().label() + ")");
        switch (outcome) {
            case RequestOutcome.Pending p -> env.approvals().save(req);
            case RequestOutcome.Approved a -> approve(cr, req, a, now);
            case RequestOutcome.Rejected r -> {
                env.approvals().save(req.withStatus(ApprovalStatus.REJECTED, now));
                store.transition(cr, CrState.REJECTED, r.rejection().approver(),
                        "rejected by " + r.rejection().approver() + " (" + r.rejection().countedAs().label() + "): "
                                + r.rejection().reason(), b -> {});
            }
        }
        return new DecisionResult(parsed, verdict, outcome, DecisionReplies.confirmation(req.crId(), d, outcome));
    }

    private void approve(ChangeRequest cr, ApprovalRequest req, RequestOutcome.Approved a, Instant now) {
        env.approvals().save(req.withStatus(ApprovalStatus.APPROVED, now));
        String who = a.approvals().stream().map(d -> d.approver() + " (" + d.countedAs().label() + ")")
                .collect(Collectors.joining(", "));
        List<UserId> approvers = a.approvals().stream().map(RecordedDecision::approver).toList();
        UserId last = a.approvals().stream().max(java.util.Comparator.comparing(RecordedDecision::at))
                .map(RecordedDecision::approver).orElseThrow();
        store.transition(cr, CrState.APPROVED, last, "approved by " + who + " in " + req.id(), b -> {
            b.approval = new ApprovalRecord(approvers, false, now, req.id().toString());
            b.gates.put(Gate.APPROVAL, new GateEvidence("approved by " + who + " (" + req.riskLevel().label()
                    + " risk, needs " + req.rule().describe() + ")", List.of(), last, now));
        });
    }

    void recordEdit(ApprovalRequestId id, DecisionFacts f, EventId target, boolean redaction) {
        ApprovalRequest req = load(id);
        String text = redaction ? "redaction of " + target : "edit of " + target + ": " + f.body();
        evidence(req, f, null, text, "decision-edit-ignored");
        store.log(store.load(req.crId()), f.sender(), ChangeLogEntry.Kind.DECISION_EDIT_IGNORED,
                req.id() + ": " + (redaction ? "redaction" : "edit") + " of decision " + target
                        + " by " + f.sender() + " ignored; the recorded decision stands");
    }

    /** Expires a pending request and sends its change back to ASSESSED. False if it was no longer pending. */
    boolean expire(ApprovalRequestId id) {
        ApprovalRequest req = load(id);
        if (!req.isPending()) {
            return false;
        }
        Instant now = store.now();
        ApprovalRequest expired = req.withStatus(ApprovalStatus.EXPIRED, now);
        env.approvals().save(expired);
        long minutes = env.timerPolicy().approvalExpiryAfter().toMinutes();
        ChangeRequest cr = store.load(req.crId());
        if (cr.state() == CrState.AWAITING_APPROVAL) {
            store.transition(cr, CrState.ASSESSED, env.botUser(), "approval request " + req.id() + " expired after "
                    + minutes + " min without a decision", b -> {});
        }
        env.notifier().send(new Notification.ApprovalExpired(expired, DecisionReplies.expired(req.crId(), minutes)));
        return true;
    }

    /** Marks the pending request of {@code cr}, if any, superseded (the change is being re-assessed). */
    void supersedePending(ChangeRequest cr) {
        pendingFor(cr).ifPresent(r -> env.approvals().save(r.withStatus(ApprovalStatus.SUPERSEDED, store.now())));
    }

    private void evidence(ApprovalRequest req, DecisionFacts f, PinCheck identity, String text, String outcome) {
        env.evidence().record(new DecisionEvidence(req.id().toString(), req.crId().toString(), f.roomId(), f.eventId(),
                f.sender(), f.device(), f.deviceCrossSigned(),
                identity == null ? (f.masterKey() == null ? "none" : "not-checked") : identity.key(),
                text, f.sentAt(), outcome));
    }
}
