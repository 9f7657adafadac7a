package org.compliancebot.bot.change.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.CrTimer;
import org.compliancebot.bot.oversight.ApprovalEvaluator;
import org.compliancebot.bot.oversight.ApprovalRequest;
import org.compliancebot.bot.oversight.ApprovalTimer;
import org.compliancebot.bot.oversight.DecisionReplies;
import org.compliancebot.bot.oversight.RenderedMessage;
import org.compliancebot.bot.oversight.RequestOutcome;

/**
 * Timed actions, derived from stored state and the current time; nothing is held in memory, so a
 * new instance after a restart sees the same schedule. Each action records in the stored state
 * that it fired, so it fires exactly once; an action that fell due while the bot was down is
 * returned by the next {@link #due}.
 *
 * <p>When a later stage is already due, the earlier ones it makes pointless are skipped: an
 * expired approval request gets no reminder, an overdue retrospective gets no reminder.
 *
 * <p>Typical driving: a scheduler calls {@link #runDue()} at {@link #nextFireAt()} and at start-up.
 */
public final class OversightTimers {
    private final WorkflowEnvironment env;
    private final CrStore store;
    private final ApprovalWorkflow approvals;

    OversightTimers(WorkflowEnvironment env, CrStore store, ApprovalWorkflow approvals) {
        this.env = env;
        this.store = store;
        this.approvals = approvals;
    }

    /** Actions due at {@code now} that have not fired, earliest first. */
    public List<DueAction> due(Instant now) {
        return planned().stream().filter(a -> !a.dueAt().isAfter(now)).toList();
    }

    /** When the next action falls due, if any is planned (may be in the past if overdue). */
    public Optional<Instant> nextFireAt() {
        return planned().stream().map(DueAction::dueAt).min(Comparator.naturalOrder());
    }

    /** Fires everything due now; returns what fired. */
    public List<DueAction> runDue() {
        List<DueAction> fired = new ArrayList<>();
        for (DueAction a : due(store.now())) {
            if (fire(a)) {
                fired.add(a);
            }
        }
        return fired;
    }

    /** All actions not yet fired, each at its own due time, earliest first. */
    private List<DueAction> planned() {
        List<DueAction> out = new ArrayList<>();
        Instant now = store.now();
        TimerPolicy p = env.timerPolicy();
        for (ApprovalRequest r : env.approvals().pending()) {
            Instant expiry = r.createdAt().plus(p.approvalExpiryAfter());
            if (!r.firedTimers().contains(ApprovalTimer.EXPIRY)) {
                out.add(new DueAction.ApprovalExpiry(r.id(), r.crId(), expiry));
            }
            if (!now.isBefore(expiry)) {
                continue;
            }
            if (!r.firedTimers().contains(ApprovalTimer.REMINDER)) {
                out.add(new DueAction.ApprovalReminder(r.id(), r.crId(), r.createdAt().plus(p.approvalReminderAfter())));
            }
            if (!r.firedTimers().contains(ApprovalTimer.PENDING_ALERT)) {
                out.add(new DueAction.ApprovalPendingAlert(r.id(), r.crId(), r.createdAt().plus(p.approvalAlertAfter())));
            }
        }
        for (ChangeRequest cr : env.changeRequests().all()) {
            if (cr.state() == CrState.DEPLOYED && !cr.firedTimers().contains(CrTimer.VERIFICATION_REMINDER)) {
                out.add(new DueAction.VerificationReminder(cr.ref(), cr.id(), cr.observationEndsAt().orElseThrow()));
            }
            if (cr.isEmergency() && cr.state() == CrState.DRAFT) {
                Instant alertAt = cr.emergency().retrospectiveDueAt();
                if (!cr.firedTimers().contains(CrTimer.RETROSPECTIVE_ALERT)) {
                    out.add(new DueAction.RetrospectiveAlert(cr.ref(), alertAt));
                }
                if (now.isBefore(alertAt) && !cr.firedTimers().contains(CrTimer.RETROSPECTIVE_REMINDER)) {
                    out.add(new DueAction.RetrospectiveReminder(cr.ref(),
                            cr.emergency().declaredAt().plus(p.retrospectiveReminderAfter())));
                }
            }
        }
        out.sort(Comparator.comparing(DueAction::dueAt));
        return out;
    }

    /**
     * Performs {@code action} if it is still due and has not fired, and records that it fired.
     * Returns false (doing nothing) if it already fired or no longer applies.
     */
    public boolean fire(DueAction action) {
        if (action.dueAt().isAfter(store.now())) {
            return false;
        }
        return switch (action) {
            case DueAction.ApprovalReminder a -> approvalTimer(a.request(), ApprovalTimer.REMINDER);
            case DueAction.ApprovalPendingAlert a -> approvalTimer(a.request(), ApprovalTimer.PENDING_ALERT);
            case DueAction.ApprovalExpiry a -> expire(a);
            case DueAction.VerificationReminder a -> crTimer(store.load(a.ref()), CrTimer.VERIFICATION_REMINDER);
            case DueAction.RetrospectiveReminder a -> crTimer(store.load(a.ref()), CrTimer.RETROSPECTIVE_REMINDER);
            case DueAction.RetrospectiveAlert a -> crTimer(store.load(a.ref()), CrTimer.RETROSPECTIVE_ALERT);
        };
    }

    private boolean approvalTimer(org.compliancebot.bot.oversight.ApprovalRequestId id, ApprovalTimer timer) {
        ApprovalRequest r = approvals.load(id);
        if (!r.isPending() || r.firedTimers().contains(timer)) {
            return false;
        }
        r = r.withFired(timer);
        env.approvals().save(r);
        long minutes = Duration.between(r.createdAt(), store.now()).toMinutes();
        String needed = ApprovalEvaluator.outcome(r) instanceof RequestOutcome.Pending p ? p.inWords() : "nothing";
        ChangeRequest cr = store.load(r.crId());
        store.log(cr, env.botUser(), ChangeLogEntry.Kind.TIMER_FIRED, timer.name().toLowerCase(java.util.Locale.ROOT)
                + " for " + r.id() + " after " + minutes + " min");
        if (timer == ApprovalTimer.REMINDER) {
            env.notifier().send(new Notification.ApprovalReminder(r, DecisionReplies.reminder(r.crId(), needed, minutes)));
        } else {
            env.notifier().send(new Notification.ApprovalPendingAlert(r, AlertLevel.WARNING, RenderedMessage.text(
                    "Oversight approval pending for more than " + minutes + " minutes: " + r.crId() + " ("
                            + cr.description().summary() + "), " + r.riskLevel().label() + " risk. Still needed: "
                            + needed + ".")));
        }
        return true;
    }

    private boolean expire(DueAction.ApprovalExpiry a) {
        ApprovalRequest r = approvals.load(a.request());
        if (!r.isPending() || r.firedTimers().contains(ApprovalTimer.EXPIRY)) {
            return false;
        }
        env.approvals().save(r.withFired(ApprovalTimer.EXPIRY));
        return approvals.expire(a.request());
    }

    private boolean crTimer(ChangeRequest cr, CrTimer timer) {
        if (cr.firedTimers().contains(timer)) {
            return false;
        }
        boolean applies = switch (timer) {
            case VERIFICATION_REMINDER -> cr.state() == CrState.DEPLOYED;
            case RETROSPECTIVE_REMINDER, RETROSPECTIVE_ALERT -> cr.isEmergency() && cr.state() == CrState.DRAFT;
        };
        if (!applies) {
            return false;
        }
        ChangeRequest next = cr.with(b -> {
            b.firedTimers.add(timer);
            if (timer == CrTimer.RETROSPECTIVE_ALERT) {
                b.firedTimers.add(CrTimer.RETROSPECTIVE_REMINDER);
            }
        });
        env.changeRequests().save(next);
        store.log(next, env.botUser(), ChangeLogEntry.Kind.TIMER_FIRED, timer.name().toLowerCase(java.util.Locale.ROOT));
        switch (timer) {
            case VERIFICATION_REMINDER -> env.notifier().send(new Notification.VerificationDue(next, RenderedMessage.text(
                    "The " + next.changeClass().key() + " observation window of " + next.displayId() + " ("
                            + next.description().summary() + ") ended at " + next.observationEndsAt().orElseThrow()
                            + ". Verify it: !cr advance " + next.displayId() + " verified")));
            case RETROSPECTIVE_REMINDER -> env.notifier().send(new Notification.RetrospectiveReminder(next,
                    RenderedMessage.text("Reminder: the retrospective change request " + next.ref() + " for the emergency "
                            + "declared by " + next.emergency().declaredBy() + " is due by "
                            + next.emergency().retrospectiveDueAt() + ". Submit it: !cr submit " + next.ref())));
            case RETROSPECTIVE_ALERT -> env.notifier().send(new Notification.RetrospectiveOverdue(next, AlertLevel.WARNING,
                    RenderedMessage.text("The retrospective change request " + next.ref() + " for the emergency declared by "
                            + next.emergency().declaredBy() + " at " + next.emergency().declaredAt()
                            + " is overdue (it was due by " + next.emergency().retrospectiveDueAt() + ").")));
        }
        return true;
    }
}
