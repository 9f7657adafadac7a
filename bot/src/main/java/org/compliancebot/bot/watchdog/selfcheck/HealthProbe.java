package org.compliancebot.bot.watchdog.selfcheck;

import java.util.Optional;

/**
 * A part of the bot that can be in trouble (the sync loop, the crypto store). A problem raises a
 * Critical alert, which resolves when the probe reports healthy again.
 */
public interface HealthProbe {
    /** A short stable name, e.g. {@code sync-loop}; part of the alert's fingerprint. */
    String name();

    /** Empty when healthy, else what is wrong. Must not throw. */
    Optional<String> problem();
}
