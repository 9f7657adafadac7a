package org.compliancebot.bot.change.workflow;

import java.time.Duration;
import java.util.Objects;

/**
 * When timed actions fall due, measured from the approval request's creation or the emergency's
 * declaration. Defaults: approval reminder and watchdog alert at 30 minutes, expiry at 60 minutes;
 * retrospective reminder at 20 hours, alert when it is overdue at 24 hours.
 */
public record TimerPolicy(
        Duration approvalReminderAfter,
        Duration approvalAlertAfter,
        Duration approvalExpiryAfter,
        Duration retrospectiveReminderAfter,
        Duration retrospectiveDueAfter) {

    public TimerPolicy {
        Objects.requireNonNull(approvalReminderAfter, "approval reminder");
        Objects.requireNonNull(approvalAlertAfter, "approval alert");
        Objects.requireNonNull(approvalExpiryAfter, "approval expiry");
        Objects.requireNonNull(retrospectiveReminderAfter, "retrospective reminder");
        Objects.requireNonNull(retrospectiveDueAfter, "retrospective due");
        if (approvalReminderAfter.compareTo(approvalExpiryAfter) >= 0
                || approvalAlertAfter.compareTo(approvalExpiryAfter) >= 0) {
            throw new IllegalArgumentException("approval reminder and alert must come before the expiry");
        }
        if (retrospectiveReminderAfter.compareTo(retrospectiveDueAfter) >= 0) {
            throw new IllegalArgumentException("the retrospective reminder must come before it is due");
        }
        if (approvalReminderAfter.isNegative() || approvalAlertAfter.isNegative() || retrospectiveReminderAfter.isNegative()) {
            throw new IllegalArgumentException("timer durations must not be negative");
        }
    }

    public static TimerPolicy defaults() {
        return new TimerPolicy(Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(60),
                Duration.ofHours(20), Duration.ofHours(24));
    }
}
