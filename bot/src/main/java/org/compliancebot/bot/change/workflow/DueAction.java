package org.compliancebot.bot.change.workflow;

import java.time.Instant;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.DraftId;
import org.compliancebot.bot.oversight.ApprovalRequestId;

/** A timed action derived from stored state; {@link #dueAt()} is when it falls due. */
public sealed interface DueAction {
    Instant dueAt();

    /** Reminder in the approval request's thread. */
    record ApprovalReminder(ApprovalRequestId request, CrId crId, Instant dueAt) implements DueAction {}

    /** Watchdog alert (Warning): an approval has been pending too long. */
    record ApprovalPendingAlert(ApprovalRequestId request, CrId crId, Instant dueAt) implements DueAction {}

    /** The approval request expires; the change goes back to ASSESSED. */
    record ApprovalExpiry(ApprovalRequestId request, CrId crId, Instant dueAt) implements DueAction {}

    /** The observation window of a deployed change has passed. */
    record VerificationReminder(DraftId ref, CrId crId, Instant dueAt) implements DueAction {}

    /** An emergency's retrospective change request is due soon. */
    record RetrospectiveReminder(DraftId ref, Instant dueAt) implements DueAction {}

    /** An emergency's retrospective change request is overdue. */
    record RetrospectiveAlert(DraftId ref, Instant dueAt) implements DueAction {}
}
