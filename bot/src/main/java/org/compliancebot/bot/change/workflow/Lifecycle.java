package org.compliancebot.bot.change.workflow;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.compliancebot.bot.change.Capa;
import org.compliancebot.bot.change.CapaId;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeRequestException;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.CrTransitions;
import org.compliancebot.bot.change.Gate;
import org.compliancebot.bot.change.GateEvidence;
import org.compliancebot.bot.change.ImpactAssessment;
import org.compliancebot.bot.change.RiskAssessment;
import org.compliancebot.bot.oversight.RenderedMessage;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bridge.id.UserId;

/** Assessment and manual lifecycle steps, with their guards. */
final class Lifecycle {
    private static final Set<CrState> NEED_REASON = EnumSet.of(CrState.TESTING_FAILED, CrState.DEPLOY_FAILED,
            CrState.ROLLBACK);

    private final WorkflowEnvironment env;
    private final CrStore store;

    Lifecycle(WorkflowEnvironment env, CrStore store) {
        this.env = env;
        this.store = store;
    }

    ChangeRequest assess(ChangeRequest cr, AssessmentInput in, UserId actor, ApprovalWorkflow approvals) {
        store.authorise(actor, env.workflowPolicy().assessors(), cr, false, "assess " + cr.displayId());
        Instant now = store.now();
        ImpactAssessment impact = in.impact();
        RiskAssessment risks = in.risks();
        java.util.function.Consumer<ChangeRequest.Builder> apply = b -> {
            b.impact = impact;
            b.risks = risks;
            if (in.regression() != null) {
                b.regression = in.regression();
            }
            if (in.rollbackPlan() != null) {
                b.rollbackPlan = in.rollbackPlan();
            }
            b.assessedBy = actor;
            b.gates.put(Gate.IMPACT_ASSESSMENT, new GateEvidence("impact assessed: overall " + impact.overall().key()
                    + " (technical " + impact.technical().level().key() + ", tenant " + impact.tenant().level().key()
                    + ", compliance " + impact.compliance().level().key() + ", operational "
                    + impact.operational().level().key() + ")", List.of(), actor, now));
            b.gates.put(Gate.RISK_ASSESSMENT, new GateEvidence(risks.risks().size() + " risk(s) assessed, overall "
                    + risks.overall().key(), List.of(), actor, now));
        };
        String summary = "impact " + impact.overall().key() + ", risk " + risks.overall().key() + ", approval by "
                + env.approvalPolicy().ruleFor(risks.overall()).describe();
        ChangeRequest next = switch (cr.state()) {
            case SUBMITTED -> store.transition(cr, CrState.ASSESSED, actor, "assessed: " + summary, apply);
            case AWAITING_APPROVAL -> {
                approvals.supersedePending(cr);
                yield store.transition(cr, CrState.ASSESSED, actor,
                        "re-assessed: " + summary + "; the open approval request is superseded", apply);
            }
            case ASSESSED -> {
                ChangeRequest c = cr.with(apply);
                env.changeRequests().save(c);
                yield c;
            }
            default -> throw new ChangeRequestException.Invalid(cr.displayId() + " is " + cr.state().key()
                    + "; only submitted, assessed or awaiting_approval requests can be assessed");
        };
        store.log(next, actor, ChangeLogEntry.Kind.ASSESSMENT, summary);
        return next;
    }

    ChangeRequest advance(ChangeRequest cr, CrState target, UserId actor, String reason) {
        CrTransitions.check(cr.displayId(), cr.state(), target);
        if (!WorkflowPolicy.MANUAL_TARGETS.contains(target)) {
            throw new ChangeRequestException.Invalid(target.key() + " is not reached with advance: " + howToReach(target));
        }
        Set<Role> roles = env.workflowPolicy().advanceRoles().getOrDefault(target, Set.of());
        boolean requesterOk = env.workflowPolicy().requesterMayAdvanceTo().contains(target);
        store.authorise(actor, roles, cr, requesterOk, "move " + cr.displayId() + " to " + target.key());
        if (NEED_REASON.contains(target) && reason.isBlank()) {
            throw new ChangeRequestException.Invalid("moving " + cr.displayId() + " to " + target.key() + " needs a reason");
        }
        Instant now = store.now();
        String why = reason.isBlank() ? "moved to " + target.key() : reason;
        switch (target) {
            case DEPLOYED -> {
                List<Gate> missing = cr.unsatisfiedGates();
                if (!missing.isEmpty()) {
                    throw new ChangeRequestException.GatesNotSatisfied(cr.displayId(), missing);
                }
                return store.transition(cr, target, actor, why, b -> b.deployedAt = now);
            }
            case VERIFIED -> {
                Instant ends = cr.observationEndsAt().orElseThrow();
                if (now.isBefore(ends)) {
                    throw new ChangeRequestException.ObservationWindowOpen(cr.displayId(), cr.changeClass(), ends);
                }
                return store.transition(cr, target, actor, why, b -> {});
            }
            case CLOSED -> {
                var outcome = CrTransitions.outcomeOfClosingFrom(cr.state()).orElseThrow();
                return store.transition(cr, target, actor, why + " (" + outcome.label() + ")", b -> b.outcome = outcome);
            }
            case ROLLBACK -> {
                ChangeRequest rolled = store.transition(cr, target, actor, why, b -> {});
                openCapa(rolled, actor, reason);
                return rolled;
            }
            default -> {
                return store.transition(cr, target, actor, why, b -> {});
            }
        }
    }

    private void openCapa(ChangeRequest cr, UserId actor, String reason) {
        Instant now = store.now();
        CapaId id = new CapaId(store.year(), env.capas().nextSequence(store.year()));
        Capa capa = Capa.open(id, cr.id(), now, actor, "rollback of " + cr.id() + ": " + reason);
        env.capas().save(capa);
        store.log(cr, actor, ChangeLogEntry.Kind.CAPA_OPENED, id + " opened: " + capa.reason());
        env.notifier().send(new Notification.CapaOpened(capa, RenderedMessage.text("Corrective action " + id
                + " opened for " + cr.id() + " after its rollback: " + reason)));
    }

    private static String howToReach(CrState target) {
        return switch (target) {
            case SUBMITTED -> "submit the draft";
            case ASSESSED -> "record an assessment";
            case AWAITING_APPROVAL -> "request approval";
            case APPROVED, REJECTED -> "it follows from the decisions on the approval request";
            default -> "it is set by the workflow";
        };
    }
}
