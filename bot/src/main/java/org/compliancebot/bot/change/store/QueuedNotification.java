package org.compliancebot.bot.change.store;

import org.compliancebot.bot.change.workflow.AlertLevel;
import org.compliancebot.bot.oversight.ApprovalRequestId;
import org.compliancebot.bot.oversight.RenderedMessage;

/**
 * A workflow notification waiting to be posted.
 *
 * @param kind the notification's type name, e.g. {@code ApprovalRequested}
 * @param approvalRequest set for notifications about an approval request, else null
 * @param crRef the change request's display ID, for notifications about a change, else null
 * @param level set for alerts, else null
 */
public record QueuedNotification(long seq, String kind, Target target, ApprovalRequestId approvalRequest, String crRef,
        AlertLevel level, RenderedMessage message) {

    /** Where a notification goes. */
    public enum Target {
        /** A new message in the oversight room. */
        OVERSIGHT,
        /** A reply in the thread of the approval request's message. */
        REQUEST_THREAD,
        /** A watchdog alert. */
        ALERT
    }
}
