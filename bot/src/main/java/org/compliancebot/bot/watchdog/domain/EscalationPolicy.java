package org.compliancebot.bot.watchdog.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an alert escalates: a Critical alert that is still open, unacknowledged and not yet escalated
 * escalates {@code delay} after it was first seen. Derived from stored state only, so an escalation
 * that fell due while the bot was down fires when it starts.
 */
public final class EscalationPolicy {
    private final Duration delay;

    public EscalationPolicy(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("escalation delay must not be negative");
        }
        this.delay = delay;
    }

    public Duration delay() {
        return delay;
    }

    /** When {@code a} is due to escalate, or empty when it never will (in its current state). */
    public Optional<Instant> dueAt(StoredAlert a) {
        if (a.level() != Level.CRITICAL || !a.isOpen() || a.isAcknowledged() || a.escalatedAt() != null) {
            return Optional.empty();
        }
        return Optional.of(a.firstSeen().plus(delay));
    }

    public boolean isDue(StoredAlert a, Instant now) {
        return dueAt(a).map(due -> !due.isAfter(now)).orElse(false);
    }
}
