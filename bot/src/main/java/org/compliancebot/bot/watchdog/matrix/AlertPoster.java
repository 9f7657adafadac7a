package org.compliancebot.bot.watchdog.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.compliancebot.bot.text.Html;
import org.compliancebot.bot.watchdog.domain.AlertFormatter;
import org.compliancebot.bot.watchdog.domain.IncidentTrigger;
import org.compliancebot.bot.watchdog.domain.Rendered;
import org.compliancebot.bot.watchdog.domain.StoredAlert;
import org.compliancebot.bot.watchdog.store.AlertStore;
import org.compliancebot.bot.watchdog.store.DigestStore;
import org.compliancebot.bridge.api.MatrixException;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.outbox.Outbox;
import org.compliancebot.bridge.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts what the stored alerts still need: new alerts (one by one while the queue is short, folded
 * into digests once {@code digestThreshold} wait), copies of Critical alerts for the oversight room,
 * edits and thread replies for resolved alerts, escalation notices and incident openings.
 *
 * <p>Every send goes through the outbox under a key derived from the alert or digest id, so a crash
 * between sending and recording never posts twice. Work is taken from the database each round, so
 * nothing is lost while the homeserver is away: it stays queued and goes out when it is back.
 */
public final class AlertPoster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertPoster.class);
    private static final String TEXT = "m.text";

    private final Database db;
    private final AlertStore store;
    private final DigestStore digests;
    private final Outbox outbox;
    private final WatchdogRooms rooms;
    private final AlertFormatter format = new AlertFormatter();
    private final MessageContent content;
    private final int digestThreshold;
    private final int digestMax;
    private final Duration escalationDelay;
    private final List<String> overseers;
    private final Clock clock;
    private final Semaphore signal = new Semaphore(0);
    private volatile IncidentTrigger incidents;
    private volatile boolean running;
    private Thread thread;

    public AlertPoster(Database db, AlertStore store, Outbox outbox, WatchdogRooms rooms, ObjectMapper mapper, int digestThreshold,
                       int digestMax, Duration escalationDelay, List<String> overseers, Clock clock) {
        this.db = db;
        this.store = store;
        this.digests = new DigestStore(store);
        this.outbox = outbox;
        this.rooms = rooms;
        this.content = new MessageContent(mapper);
        this.digestThreshold = digestThreshold;
        this.digestMax = digestMax;
        this.escalationDelay = escalationDelay;
        this.overseers = List.copyOf(overseers);
        this.clock = clock;
    }

    /** Sets the incident opener for Critical alerts (null: none; flagged alerts are then only logged). */
    public void setIncidentTrigger(IncidentTrigger trigger) {
        this.incidents = trigger;
    }

    public void wake() {
        signal.release();
    }

    public synchronized void start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofPlatform().name("watchdog-poster").start(this::loop);
        }
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            try {
                if (!runOnce()) {
                    signal.drainPermits();
                    signal.tryAcquire(2, TimeUnit.SECONDS);
                }
                backoff = Duration.ofMillis(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("error", e.getMessage()).addKeyValue("retry_ms", backoff.toMillis())
                        .log("Posting alerts failed; they stay queued");
                try {
                    signal.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
            }
        }
    }

    /** One round of work; true when it sent something (so another round follows at once). */
    public boolean runOnce() {
        Optional<RoomId> monitoring = rooms.monitoring();
        if (monitoring.isEmpty()) {
            return false;
        }
        boolean did = resendUnsentDigests(monitoring.get());
        did |= postNew(monitoring.get());
        did |= postOversightCopies();
        did |= postResolves(monitoring.get());
        did |= postEscalations(monitoring.get());
        did |= openIncidents();
        return did;
    }

    private boolean resendUnsentDigests(RoomId monitoring) {
        List<DigestStore.Digest> unsent = db.inTransaction(digests::unsent);
        for (DigestStore.Digest d : unsent) {
            Optional<RoomId> room = d.room() == DigestStore.RoomKind.MONITORING ? Optional.of(monitoring) : rooms.oversight();
            if (room.isPresent()) {
                sendDigest(d, room.get());
            }
        }
        return !unsent.isEmpty();
    }

    private boolean postNew(RoomId monitoring) {
        long waiting = db.inTransaction(store::unpostedCount);
        if (waiting == 0) {
            return false;
        }
        if (waiting >= digestThreshold) {
            DigestStore.Digest d = db.inTransaction(c -> {
                List<Long> ids = store.unposted(c, digestMax).stream().map(StoredAlert::id).toList();
                return digests.find(c, digests.create(c, DigestStore.RoomKind.MONITORING, ids, clock.instant())).orElseThrow();
            });
            sendDigest(d, monitoring);
            return true;
        }
        StoredAlert a = db.inTransaction(c -> store.unposted(c, 1)).get(0);
        Rendered r = a.resolvedAt() != null ? format.resolved(a) : format.firing(a);
        String eventId = outbox.send("watchdog:alert:" + a.id(), monitoring, "m.room.message", content.message(r, TEXT)).value();
        db.inTransactionVoid(c -> {
            store.markPosted(c, a.id(), eventId);
            if (a.resolvedAt() != null) {
                store.clear(c, AlertStore.Flag.RESOLVE, a.id());
            }
        });
        log.atInfo().addKeyValue("alert", a.id()).addKeyValue("level", a.level().wireName()).addKeyValue("event", eventId)
                .log("Posted alert");
        return true;
    }

    private void sendDigest(DigestStore.Digest d, RoomId room) {
        List<StoredAlert> members = db.inTransaction(c -> digests.members(c, d));
        String eventId = outbox.send("watchdog:digest:" + d.id(), room, "m.room.message",
                content.message(format.digest(d.id(), members), TEXT)).value();
        List<Long> ids = members.stream().map(StoredAlert::id).toList();
        db.inTransactionVoid(c -> {
            digests.markSent(c, d, eventId, ids);
            if (d.room() == DigestStore.RoomKind.MONITORING) {
                for (StoredAlert m : members) {
                    if (m.resolvedAt() != null) {
                        store.clear(c, AlertStore.Flag.RESOLVE, m.id());
                    }
                }
            }
        });
        log.atInfo().addKeyValue("digest", d.id()).addKeyValue("room_kind", d.room().name()).addKeyValue("alerts", ids.size())
                .addKeyValue("event", eventId).log("Posted digest");
    }

    private boolean postOversightCopies() {
        List<StoredAlert> flagged = db.inTransaction(c -> store.flagged(c, AlertStore.Flag.OVERSIGHT, digestMax));
        if (flagged.isEmpty()) {
            return false;
        }
        Optional<RoomId> oversight = rooms.oversight();
        if (oversight.isEmpty()) {
            db.inTransactionVoid(c -> {
                for (StoredAlert a : flagged) {
                    store.clear(c, AlertStore.Flag.OVERSIGHT, a.id());
                }
            });
            log.atError().addKeyValue("alerts", flagged.size()).log("No oversight room configured or reachable; Critical alerts stay in the monitoring room only");
            return false;
        }
        if (flagged.size() >= digestThreshold) {
            DigestStore.Digest d = db.inTransaction(c -> digests.find(c, digests.create(c, DigestStore.RoomKind.OVERSIGHT,
                    flagged.stream().map(StoredAlert::id).toList(), clock.instant())).orElseThrow());
            sendDigest(d, oversight.get());
            return true;
        }
        StoredAlert a = flagged.get(0);
        String eventId = outbox.send("watchdog:oversight:" + a.id(), oversight.get(), "m.room.message",
                content.message(format.oversightCopy(a), TEXT)).value();
        db.inTransactionVoid(c -> {
            store.recordMessage(c, eventId, List.of(a.id()));
            store.clear(c, AlertStore.Flag.OVERSIGHT, a.id());
        });
        return true;
    }

    private boolean postResolves(RoomId monitoring) {
        List<StoredAlert> flagged = db.inTransaction(c -> store.flagged(c, AlertStore.Flag.RESOLVE, digestMax));
        if (flagged.isEmpty()) {
            return false;
        }
        Map<Long, List<StoredAlert>> byDigest = new TreeMap<>();
        for (StoredAlert a : flagged) {
            if (a.eventId() != null) {
                outbox.send("watchdog:resolve-edit:" + a.id(), monitoring, "m.room.message",
                        content.edit(a.eventId(), format.resolved(a), TEXT));
                outbox.send("watchdog:resolve-reply:" + a.id(), monitoring, "m.room.message",
                        content.threadReply(a.eventId(), format.resolvedReply(a)));
                db.inTransactionVoid(c -> store.clear(c, AlertStore.Flag.RESOLVE, a.id()));
                log.atInfo().addKeyValue("alert", a.id()).log("Marked alert resolved in the room");
            } else {
                byDigest.computeIfAbsent(a.digestId(), k -> new java.util.ArrayList<>()).add(a);
            }
        }
        for (Map.Entry<Long, List<StoredAlert>> e : byDigest.entrySet()) {
            resolveInDigest(monitoring, e.getKey(), e.getValue());
        }
        return true;
    }

    private void resolveInDigest(RoomId monitoring, long digestId, List<StoredAlert> resolved) {
        record Edit(DigestStore.Digest digest, int revision, List<StoredAlert> members) {}
        Edit edit = db.inTransaction(c -> {
            DigestStore.Digest d = digests.find(c, digestId).orElseThrow();
            return new Edit(d, digests.nextRevision(c, digestId), digests.members(c, d));
        });
        String root = edit.digest().eventId();
        outbox.send("watchdog:digest-edit:" + digestId + ":" + edit.revision(), monitoring, "m.room.message",
                content.edit(root, format.digest(digestId, edit.members()), TEXT));
        StringBuilder t = new StringBuilder("✅ Resolved:");
        resolved.forEach(a -> t.append(" #").append(a.id()));
        outbox.send("watchdog:digest-resolve:" + digestId + ":" + edit.revision(), monitoring, "m.room.message",
                content.threadReply(root, new Rendered(t.toString(), "<p>" + Html.escape(t.toString()) + "</p>")));
        db.inTransactionVoid(c -> {
            for (StoredAlert a : resolved) {
                store.clear(c, AlertStore.Flag.RESOLVE, a.id());
            }
        });
    }

    private boolean postEscalations(RoomId monitoring) {
        List<StoredAlert> flagged = db.inTransaction(c -> store.flagged(c, AlertStore.Flag.ESCALATION, 100));
        for (StoredAlert a : flagged) {
            Rendered r = format.escalation(a, escalationDelay, overseers);
            RoomId target = rooms.oversight().orElse(monitoring);
            String eventId = outbox.send("watchdog:escalation:" + a.id(), target, "m.room.message", content.message(r, TEXT)).value();
            db.inTransactionVoid(c -> {
                store.recordMessage(c, eventId, List.of(a.id()));
                store.clear(c, AlertStore.Flag.ESCALATION, a.id());
            });
            log.atWarn().addKeyValue("alert", a.id()).addKeyValue("event", eventId).log("Escalated Critical alert to the oversight room");
        }
        return !flagged.isEmpty();
    }

    private boolean openIncidents() {
        List<StoredAlert> flagged = db.inTransaction(c -> store.flagged(c, AlertStore.Flag.INCIDENT, 10));
        IncidentTrigger trigger = incidents;
        for (StoredAlert a : flagged) {
            if (trigger == null) {
                log.atError().addKeyValue("alert", a.id())
                        .log("watchdog.open_incident_on_critical is set but no incident module is running; no incident opened");
                db.inTransactionVoid(c -> store.clear(c, AlertStore.Flag.INCIDENT, a.id()));
                continue;
            }
            try {
                String incident = trigger.openFor(a);
                db.inTransactionVoid(c -> store.setIncident(c, a.id(), incident));
                log.atInfo().addKeyValue("alert", a.id()).addKeyValue("incident", incident).log("Opened incident for Critical alert");
            } catch (MatrixException | IllegalStateException e) {
                log.atWarn().addKeyValue("alert", a.id()).addKeyValue("error", e.getMessage()).log("Opening the incident failed; will retry");
                return false;
            }
        }
        return !flagged.isEmpty();
    }

    @Override
    public void close() {
        running = false;
        signal.release();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
