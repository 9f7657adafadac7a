package org.compliancebot.bot.change.workflow;

import org.compliancebot.bot.change.Capa;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.oversight.ApprovalRequest;
import org.compliancebot.bot.oversight.RenderedMessage;

/**
 * Something the workflow wants people to see. Each case says where it belongs; the wiring picks
 * the room and sends {@link #message()}.
 */
public sealed interface Notification {
    RenderedMessage message();

    /** Post to the oversight room, then report the event with {@code ChangeRequestService.markPosted}. */
    record ApprovalRequested(ApprovalRequest request, RenderedMessage message) implements Notification {}

    /** Reply in the thread of the approval request. */
    record ApprovalReminder(ApprovalRequest request, RenderedMessage message) implements Notification {}

    /** A watchdog alert: an approval has been pending too long. */
    record ApprovalPendingAlert(ApprovalRequest request, AlertLevel level, RenderedMessage message) implements Notification {}

    /** Reply in the thread of the approval request: it expired, the change is back in ASSESSED. */
    record ApprovalExpired(ApprovalRequest request, RenderedMessage message) implements Notification {}

    /** The bot approved a low-risk change itself; post to the oversight room for transparency. */
    record AutoApproved(ChangeRequest cr, RenderedMessage message) implements Notification {}

    /** The observation window of a deployed change has passed; it can be verified. */
    record VerificationDue(ChangeRequest cr, RenderedMessage message) implements Notification {}

    /** An emergency was declared; tell the oversight room. */
    record EmergencyDeclared(ChangeRequest cr, RenderedMessage message) implements Notification {}

    /** Reminder: an emergency's retrospective change request is due soon. */
    record RetrospectiveReminder(ChangeRequest cr, RenderedMessage message) implements Notification {}

    /** A watchdog alert: an emergency's retrospective change request is overdue. */
    record RetrospectiveOverdue(ChangeRequest cr, AlertLevel level, RenderedMessage message) implements Notification {}

    /** A corrective action was opened after a rollback. */
    record CapaOpened(Capa capa, RenderedMessage message) implements Notification {}
}
