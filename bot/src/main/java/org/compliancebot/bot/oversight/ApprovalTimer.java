package org.compliancebot.bot.oversight;

/** Timed actions of a pending approval request; each fires at most once. */
public enum ApprovalTimer {
    /** A reminder in the request's thread. */
    REMINDER,
    /** A watchdog alert (Warning) that an approval is pending too long. */
    PENDING_ALERT,
    /** The request expires and the change goes back to ASSESSED. */
    EXPIRY
}
