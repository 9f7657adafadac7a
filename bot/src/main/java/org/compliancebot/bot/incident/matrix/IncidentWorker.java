package org.compliancebot.bot.incident.matrix;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.OpeningStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread that brings incident rooms to what the records say: it opens rooms,
 * sends pending invitations, updates topics after severity changes, and closes and archives. It
 * runs when woken and every few seconds (so work recorded by another process, such as the command
 * line, is picked up), and backs off after failures up to 30 s. Work never runs in the sync thread.
 */
final class IncidentWorker {
    private static final Logger log = LoggerFactory.getLogger(IncidentWorker.class);
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final RoomContext ctx;
    private final RoomOpener opener;
    private final InviteSender invites;
    private final RoomArchiver archiver;
    private final Runnable housekeeping;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;

    IncidentWorker(RoomContext ctx, RoomOpener opener, InviteSender invites, RoomArchiver archiver, Runnable housekeeping) {
        this.ctx = ctx;
        this.opener = opener;
        this.invites = invites;
        this.archiver = archiver;
        this.housekeeping = housekeeping;
    }

    synchronized void start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofPlatform().name("incident-rooms").daemon().start(this::loop);
        }
    }

    synchronized void stop() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    /** Asks for a pass soon; never blocks. */
    void wake() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            boolean failed;
            try {
                housekeeping.run();
                failed = !runOnce();
            } catch (RuntimeException e) {
                log.warn("Incident room pass failed: {}", e.getMessage());
                failed = true;
            }
            if (failed) {
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } else {
                backoff = Duration.ofSeconds(1);
                pause(POLL);
            }
        }
    }

    /** One pass over every incident that needs room work; returns false when any of them failed. */
    boolean runOnce() {
        boolean ok = true;
        List<Incident> work = ctx.store().needingRoomWork();
        for (Incident i : work) {
            if (!running) {
                break;
            }
            try {
                advance(i);
            } catch (RuntimeException e) {
                ok = false;
                log.warn("Incident {}: room work failed, will retry: {}", i.id(), e.getMessage());
                String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                ctx.advance(i.id(), cur -> cur.withRoom(cur.room().withError(error)));
            }
        }
        return ok;
    }

    private void advance(Incident i) {
        if (i.room().opening() != OpeningStep.OPENED) {
            opener.complete(i.id());
            return;
        }
        if (i.room().closing() != null) {
            archiver.complete(i.id());
            return;
        }
        invites.sendPending(i);
        if (i.room().topicSeverity() != i.severity()) {
            ctx.client().putState(i.room().roomId(), "m.room.topic", "",
                    JsonNodeFactory.instance.objectNode().put("topic", i.topicFor(i.severity())));
            ctx.advance(i.id(), cur -> cur.withRoom(cur.room().withTopicSeverity(i.severity())));
        }
    }

    private void pause(Duration d) {
        lock.lock();
        try {
            if (!woken && running) {
                signal.await(d.toMillis(), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
