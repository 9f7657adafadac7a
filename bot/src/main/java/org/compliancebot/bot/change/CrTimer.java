package org.compliancebot.bot.change;

/** Timed actions that belong to a change request; each fires at most once and is then recorded. */
public enum CrTimer {
    /** The observation window after deployment has passed: time to verify. */
    VERIFICATION_REMINDER,
    /** An emergency's retrospective request is still not submitted, some hours before it is due. */
    RETROSPECTIVE_REMINDER,
    /** An emergency's retrospective request is overdue. */
    RETROSPECTIVE_ALERT
}
