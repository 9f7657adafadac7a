package org.compliancebot.bot.watchdog.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.compliancebot.bot.watchdog.domain.TaskScheduler;

/**
 * A scheduler driven by a {@link FakeClock}: {@link #advance} moves the clock and runs, in order, every
 * task that fell due. Nothing runs on its own.
 */
public final class ManualScheduler implements TaskScheduler {
    private final FakeClock clock;
    private final List<Task> tasks = new ArrayList<>();

    private final class Task implements Handle {
        Instant due;
        final Duration period;
        final Runnable work;
        boolean cancelled;

        Task(Instant due, Duration period, Runnable work) {
            this.due = due;
            this.period = period;
            this.work = work;
        }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) {
                cancelled = true;
                tasks.remove(this);
            }
        }
    }

    public ManualScheduler(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Handle at(Instant when, Runnable task) {
        Task t = new Task(when, null, task);
        tasks.add(t);
        return t;
    }

    @Override
    public synchronized Handle every(Duration period, Runnable task) {
        Task t = new Task(clock.instant().plus(period), period, task);
        tasks.add(t);
        return t;
    }

    /** Moves time forward and runs the tasks that fall due, each at its due time. */
    public void advance(Duration d) {
        Instant end = clock.instant().plus(d);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.due.isAfter(end)).min(Comparator.comparing(t -> t.due)).orElse(null);
                if (next == null) {
                    break;
                }
                if (next.due.isAfter(clock.instant())) {
                    clock.advance(Duration.between(clock.instant(), next.due));
                }
                if (next.period == null) {
                    tasks.remove(next);
                } else {
                    next.due = next.due.plus(next.period);
                }
            }
            next.work.run();
        }
        if (end.isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), end));
        }
    }

    /** Runs the tasks due now without moving time. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    public synchronized int pending() {
        return tasks.size();
    }
}
