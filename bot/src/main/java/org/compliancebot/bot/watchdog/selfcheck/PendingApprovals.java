package org.compliancebot.bot.watchdog.selfcheck;

import java.time.Instant;
import java.util.List;

/**
 * The approvals waiting for a human decision. The oversight module implements it; the watchdog raises
 * a Warning for every approval pending longer than the configured limit.
 */
@FunctionalInterface
public interface PendingApprovals {
    /**
     * One approval request that has not been decided.
     *
     * @param id          a stable id (the CR id or the approval request id)
     * @param title       what is to be approved, for the alert text
     * @param requestedAt when the approval was requested
     */
    record Pending(String id, String title, Instant requestedAt) {}

    /** The approvals pending now. Must not block for long; called from the self-check timer. */
    List<Pending> pending();
}
