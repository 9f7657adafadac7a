package org.compliancebot.bot.watchdog.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Runs work later, on the time of the injected clock. Production uses a thread pool; tests use a
 * scheduler they advance by hand together with a fake clock, so timers run without sleeping.
 * Tasks must not throw; a task that fails is logged and the schedule goes on.
 */
public interface TaskScheduler {
    /** A scheduled task that can be called off. */
    interface Handle {
        void cancel();
    }

    /** Runs {@code task} once at {@code when} (at once if that has passed). */
    Handle at(Instant when, Runnable task);

    /** Runs {@code task} every {@code period}, the first time after one period. */
    Handle every(Duration period, Runnable task);
}
