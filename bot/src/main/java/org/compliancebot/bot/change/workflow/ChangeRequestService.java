package org.compliancebot.bot.change.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.change.Capa;
import org.compliancebot.bot.change.CapaId;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeRequestException;
import org.compliancebot.bot.change.ChangeType;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.CrKind;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.CrTransitions;
import org.compliancebot.bot.change.DraftId;
import org.compliancebot.bot.change.EmergencyInfo;
import org.compliancebot.bot.change.Gate;
import org.compliancebot.bot.change.GateEvidence;
import org.compliancebot.bot.oversight.ApprovalRequest;
import org.compliancebot.bot.oversight.ApprovalRequestId;
import org.compliancebot.bot.oversight.RenderedMessage;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * The change request workflow: the operations people (through chat, CLI or API) and the wiring
 * call. Every state change is checked against {@link CrTransitions}, the actor's roles
 * ({@link WorkflowPolicy}) and the guards (gates before deployment, observation window before
 * verification), and is appended to the change log with actor, time and reason.
 *
 * <p>All methods throw a {@link ChangeRequestException} with a plain-words message when refused.
 * Not thread-safe: the wiring calls it from one thread (or serialises per change request).
 */
public final class ChangeRequestService {
    private final WorkflowEnvironment env;
    private final CrStore store;
    private final ApprovalWorkflow approvals;
    private final Lifecycle lifecycle;

    public ChangeRequestService(WorkflowEnvironment env) {
        this.env = env;
        this.store = new CrStore(env);
        this.approvals = new ApprovalWorkflow(env, store);
        this.lifecycle = new Lifecycle(env, store);
    }

    public WorkflowEnvironment environment() {
        return env;
    }

    /**
     * Creates a draft. The requester must be a user of the local server. Emergency changes are
     * not created here but declared with {@link #declareEmergency}.
     */
    public ChangeRequest create(UserId requester, NewChange spec) {
        if (!requester.server().equals(env.roles().localServer())) {
            throw new ChangeRequestException.NotAuthorised("only users of " + env.roles().localServer()
                    + " can request changes; " + requester + " is not one");
        }
        if (spec.type() == ChangeType.EMERGENCY) {
            throw new ChangeRequestException.Invalid("emergency changes are declared, not created: use declareEmergency");
        }
        if (spec.kind() == CrKind.GENERATED && !requester.equals(env.botUser())) {
            throw new ChangeRequestException.Invalid("generated change requests are created by the bot, not by "
                    + requester);
        }
        ChangeRequest cr = ChangeRequest.draft(new DraftId(env.changeRequests().nextDraftNumber()), spec.kind(),
                spec.type(), spec.effectiveClass(), requester, spec.description(), store.now());
        env.changeRequests().save(cr);
        store.log(cr, requester, ChangeLogEntry.Kind.CREATED, "draft created: " + cr.description().summary());
        return cr;
    }

    /** Submits a draft: it gets its register ID ({@code CR-YYYY-NNN} or {@code AI-CR-YYYY-NNN}). */
    public ChangeRequest submit(DraftId ref, UserId actor) {
        ChangeRequest cr = store.load(ref);
        store.authorise(actor, env.workflowPolicy().submitters(), cr, true, "submit " + ref);
        CrTransitions.check(cr.displayId(), cr.state(), CrState.SUBMITTED);
        int year = store.year();
        CrId id = new CrId(cr.kind(), year, env.changeRequests().nextSequence(cr.kind(), year));
        String reason = "submitted as " + id + (cr.isEmergency() ? " (retrospective for the emergency declared at "
                + cr.emergency().declaredAt() + ")" : "");
        return store.transition(cr, CrState.SUBMITTED, actor, reason, b -> b.id = id);
    }

    /**
     * Records the assessment: impact, risks (giving the overall risk level and so the approval
     * authority) and optionally regression analysis and rollback plan. Gates 1 and 2 get the
     * assessment as evidence. A request awaiting approval is re-assessed: its open approval request
     * is superseded and it goes back to ASSESSED.
     */
    public ChangeRequest assess(CrId id, AssessmentInput input, UserId actor) {
        return lifecycle.assess(store.load(id), input, actor, approvals);
    }

    /**
     * Starts approval of an assessed change: the bot approves low-risk changes itself unless a
     * guardrail forbids it (recorded as a bot approval); otherwise an approval request is opened and
     * announced with {@link Notification.ApprovalRequested}.
     */
    public ApprovalStart requestApproval(CrId id, UserId actor) {
        return approvals.requestApproval(store.load(id), actor);
    }

    /** Records where the wiring posted the approval request, so replies can be matched to it. */
    public void markPosted(ApprovalRequestId id, RoomId room, EventId event) {
        approvals.markPosted(id, room, event);
    }

    /** The approval request whose message is {@code event}. */
    public Optional<ApprovalRequest> approvalRequestForEvent(EventId event) {
        return env.approvals().byPostedEvent(event);
    }

    public ApprovalRequest approvalRequest(ApprovalRequestId id) {
        return approvals.load(id);
    }

    /**
     * Handles a reply to an approval request: parses it, evaluates the sender's authority, records
     * evidence (accepted or refused), and when the rule is met or an entitled approver rejects, moves
     * the change to APPROVED or REJECTED. Returns the reply to post in the request's thread.
     */
    public DecisionResult recordDecision(ApprovalRequestId id, DecisionFacts facts) {
        return approvals.recordDecision(id, facts);
    }

    /**
     * Records an edit ({@code m.replace}) or redaction of a decision message as evidence only
     * ({@code decision-edit-ignored}); the recorded decision never changes.
     */
    public void recordDecisionEdit(ApprovalRequestId id, DecisionFacts edit, EventId target, boolean redaction) {
        approvals.recordEdit(id, edit, target, redaction);
    }

    /**
     * Moves a change request along its lifecycle by hand. Allowed targets are those in
     * {@link WorkflowPolicy#MANUAL_TARGETS}; the others have their own operations. DEPLOYED needs all
     * eight gates; VERIFIED needs the observation window to have passed; ROLLBACK opens a CAPA;
     * TESTING_FAILED, DEPLOY_FAILED and ROLLBACK need a reason.
     */
    public ChangeRequest advance(CrId id, CrState target, UserId actor, String reason) {
        return lifecycle.advance(store.load(id), target, actor, reason == null ? "" : reason.strip());
    }

    /** Records evidence for a gate. Gate 3 (approval) is satisfied only by the approval itself. */
    public ChangeRequest satisfyGate(CrId id, Gate gate, String text, List<String> links, UserId actor) {
        ChangeRequest cr = store.load(id);
        store.authorise(actor, env.workflowPolicy().gateKeepers(), cr, true, "record gate evidence on " + id);
        if (gate == Gate.APPROVAL) {
            throw new ChangeRequestException.Invalid("gate " + gate.describe() + " is satisfied by the approval itself");
        }
        if (cr.state() == CrState.CLOSED) {
            throw new ChangeRequestException.Invalid(id + " is closed");
        }
        GateEvidence evidence = new GateEvidence(text.strip(), links, actor, store.now());
        ChangeRequest next = cr.with(b -> b.gates.put(gate, evidence));
        env.changeRequests().save(next);
        store.log(next, actor, ChangeLogEntry.Kind.GATE_SATISFIED, "gate " + gate.describe() + ": " + evidence.text()
                + (links.isEmpty() ? "" : " " + links));
        return next;
    }

    /** Adds or replaces regression analysis, rollback plan or schedule. */
    public ChangeRequest updatePlans(CrId id, PlanUpdate update, UserId actor) {
        ChangeRequest cr = store.load(id);
        store.authorise(actor, env.workflowPolicy().gateKeepers(), cr, true, "update the plans of " + id);
        if (cr.state() == CrState.CLOSED) {
            throw new ChangeRequestException.Invalid(id + " is closed");
        }
        ChangeRequest next = cr.with(b -> {
            if (update.regression() != null) {
                b.regression = update.regression();
            }
            if (update.rollbackPlan() != null) {
                b.rollbackPlan = update.rollbackPlan();
            }
            if (update.schedule() != null) {
                b.schedule = update.schedule();
            }
        });
        env.changeRequests().save(next);
        store.log(next, actor, ChangeLogEntry.Kind.ASSESSMENT, "plans updated:"
                + (update.regression() != null ? " regression analysis" : "")
                + (update.rollbackPlan() != null ? " rollback plan" : "")
                + (update.schedule() != null ? " schedule" : ""));
        return next;
    }

    /**
     * Declares an emergency change. Only holders of an emergency-declaring role (default: the
     * highest authority) may. The declaration creates a draft emergency change request, the
     * retrospective CR, which must be submitted within the configured time (default 24 hours).
     */
    public ChangeRequest declareEmergency(UserId actor, String summary, String justification) {
        store.authorise(actor, env.workflowPolicy().emergencyDeclarers(), null, false, "declare an emergency change");
        Instant now = store.now();
        EmergencyInfo info = new EmergencyInfo(actor, now, justification, now.plus(env.timerPolicy().retrospectiveDueAfter()));
        ChangeRequest cr = ChangeRequest.draft(new DraftId(env.changeRequests().nextDraftNumber()), CrKind.MANUAL,
                ChangeType.EMERGENCY, ChangeType.EMERGENCY.defaultClass(), actor,
                org.compliancebot.bot.change.ChangeDescription.of(summary), now).with(b -> b.emergency = info);
        env.changeRequests().save(cr);
        store.log(cr, actor, ChangeLogEntry.Kind.EMERGENCY_DECLARED, "emergency declared by " + actor
                + (info.justification().isBlank() ? "" : ": " + info.justification())
                + "; retrospective change request due by " + info.retrospectiveDueAt());
        env.notifier().send(new Notification.EmergencyDeclared(cr, RenderedMessage.text("Emergency change declared by "
                + actor + ": " + cr.description().summary() + ". The retrospective change request " + cr.ref()
                + " must be submitted by " + info.retrospectiveDueAt() + ".")));
        return cr;
    }

    /** The full status of a change request. */
    public CrStatus status(CrId id) {
        return status(store.load(id));
    }

    public CrStatus status(DraftId ref) {
        return status(store.load(ref));
    }

    private CrStatus status(ChangeRequest cr) {
        return new CrStatus(cr, approvals.pendingFor(cr),
                cr.id() == null ? List.of() : env.capas().forChangeRequest(cr.id()), env.changeLog().forRequest(cr.ref()));
    }

    /** Finds a change request by register ID ({@code CR-...}) or draft reference ({@code DRAFT-n}). */
    public ChangeRequest resolve(String reference) {
        String r = reference.strip();
        if (CrId.looksLike(r)) {
            return store.load(CrId.parse(r));
        }
        if (DraftId.looksLike(r)) {
            return store.load(DraftId.parse(r));
        }
        throw new ChangeRequestException.Invalid("not a change request reference (expected CR-YYYY-NNN, "
                + "AI-CR-YYYY-NNN or DRAFT-n): " + reference);
    }

    public List<ChangeRequest> list(CrFilter filter) {
        return env.changeRequests().all().stream().filter(filter).toList();
    }

    /** Closes a corrective action with its resolution. */
    public Capa closeCapa(CapaId id, UserId actor, String resolution) {
        store.authorise(actor, env.workflowPolicy().admins(), null, false, "close " + id);
        Capa capa = env.capas().byId(id).orElseThrow(() -> new ChangeRequestException.NotFound("CAPA " + id));
        if (capa.status() == Capa.Status.CLOSED) {
            throw new ChangeRequestException.Invalid(id + " is already closed");
        }
        Capa closed = capa.close(store.now(), resolution);
        env.capas().save(closed);
        store.log(store.load(capa.crId()), actor, ChangeLogEntry.Kind.CAPA_CLOSED, id + " closed: " + resolution);
        return closed;
    }

    /** Replaces an approver's pinned identity after it changed; admins only. */
    public void repinIdentity(UserId user, String masterKey, UserId admin) {
        store.authorise(admin, env.workflowPolicy().admins(), null, false, "re-pin the identity of " + user);
        env.identityPins().repin(user, masterKey, admin);
    }

    /** The timers of this workflow; used by the scheduler wiring. */
    public OversightTimers timers() {
        return new OversightTimers(env, store, approvals);
    }
}
