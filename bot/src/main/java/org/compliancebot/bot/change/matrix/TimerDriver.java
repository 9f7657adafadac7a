package org.compliancebot.bot.change.matrix;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.compliancebot.bot.change.store.ChangeStore;
import org.compliancebot.bot.change.workflow.DueAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the workflow's timers and the notification queue from one scheduler thread. Every run is one
 * database transaction: fire what is due ({@code OversightTimers.runDue}), then dispatch the
 * notifications that produced. Nothing is kept in memory that the store does not also hold, so after a
 * restart the first run fires whatever fell due while the bot was down.
 *
 * <p>The thread ticks every {@code tick}: it dispatches waiting notifications (for example, queued by
 * the command line) and runs the timers when the next one is due, re-reading the schedule at least
 * every {@code replan}. Tests call {@link #runOnce()} in fake time instead of starting the thread.
 */
public final class TimerDriver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TimerDriver.class);

    private final ChangeStore store;
    private final NotificationDispatcher dispatcher;
    private final Clock clock;
    private final Duration tick;
    private final Duration replan;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService executor;
    private Instant nextFire;
    private Instant nextPlan = Instant.MIN;

    public TimerDriver(ChangeStore store, NotificationDispatcher dispatcher, Clock clock, Duration tick, Duration replan) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.tick = tick;
        this.replan = replan;
    }

    /** Starts the scheduler thread; the first run is immediate. */
    public void start() {
        synchronized (lifecycle) {
            if (executor != null) {
                return;
            }
            executor = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("change-timers").daemon(true).unstarted(r));
            executor.scheduleWithFixedDelay(this::tickSafely, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void tickSafely() {
        try {
            tickOnce();
        } catch (RuntimeException e) {
            log.error("Change timer run failed; retrying on the next tick", e);
        }
    }

    /** One tick: run the timers if one is due (or the schedule is stale), else dispatch what waits. */
    synchronized void tickOnce() {
        Instant now = clock.instant();
        if (!now.isBefore(nextPlan) || (nextFire != null && !now.isBefore(nextFire))) {
            runOnce();
        } else if (dispatcher.hasWork()) {
            dispatcher.dispatch();
        }
    }

    /** Fires everything due now and dispatches notifications, in one transaction; returns what fired. */
    public synchronized List<DueAction> runOnce() {
        record Run(List<DueAction> fired, Optional<Instant> next) {}
        Run run = store.inTransaction(s -> {
            dispatcher.resolvePosted();
            var timers = s.timers();
            List<DueAction> fired = timers.runDue();
            dispatcher.dispatch();
            return new Run(fired, timers.nextFireAt());
        });
        for (DueAction a : run.fired()) {
            log.info("Timer fired: {}", a);
        }
        nextFire = run.next().orElse(null);
        nextPlan = clock.instant().plus(replan);
        return run.fired();
    }

    /** When the next timer falls due, as last computed. */
    public synchronized Optional<Instant> nextFireAt() {
        return Optional.ofNullable(nextFire);
    }

    @Override
    public void close() {
        // Not under the run lock: a tick in progress finishes its transaction first.
        synchronized (lifecycle) {
            if (executor != null) {
                executor.shutdown();
                try {
                    executor.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                executor = null;
            }
        }
    }
}
