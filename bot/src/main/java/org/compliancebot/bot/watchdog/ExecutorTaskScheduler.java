package org.compliancebot.bot.watchdog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.compliancebot.bot.watchdog.domain.TaskScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link TaskScheduler} on one daemon thread; delays are computed from the injected clock. */
public final class ExecutorTaskScheduler implements TaskScheduler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExecutorTaskScheduler.class);

    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("watchdog-timers").daemon(true).unstarted(r));

    public ExecutorTaskScheduler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Handle at(Instant when, Runnable task) {
        long delay = Math.max(0, Duration.between(clock.instant(), when).toMillis());
        ScheduledFuture<?> f = executor.schedule(guarded(task), delay, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Handle every(Duration period, Runnable task) {
        ScheduledFuture<?> f = executor.scheduleWithFixedDelay(guarded(task), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.atError().setCause(e).log("Scheduled watchdog task failed; it runs again on its next turn");
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
