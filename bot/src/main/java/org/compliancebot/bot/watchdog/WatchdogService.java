package org.compliancebot.bot.watchdog;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.watchdog.domain.Deduplicator;
import org.compliancebot.bot.watchdog.domain.EscalationPolicy;
import org.compliancebot.bot.watchdog.domain.IncomingAlert;
import org.compliancebot.bot.watchdog.domain.Level;
import org.compliancebot.bot.watchdog.domain.StoredAlert;
import org.compliancebot.bot.watchdog.domain.TaskScheduler;
import org.compliancebot.bot.watchdog.store.AlertStore;
import org.compliancebot.bridge.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchdog's use cases: take in alerts (stored and committed before the caller answers the
 * sender), acknowledge them, escalate overdue Critical alerts, and answer queries. Posting happens
 * elsewhere ({@code AlertPoster}); this class wakes it after each change.
 */
public final class WatchdogService {
    private static final Logger log = LoggerFactory.getLogger(WatchdogService.class);

    /** What one ingest did, by alert id. */
    public record IngestResult(List<Long> created, List<Long> repeated, List<Long> resolved, int ignored) {
        public int accepted() {
            return created.size() + repeated.size() + resolved.size() + ignored;
        }
    }

    private final Database db;
    private final AlertStore store;
    private final Deduplicator dedup;
    private final EscalationPolicy escalation;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final boolean openIncidents;
    private volatile Runnable wake = () -> { };

    public WatchdogService(Database db, AlertStore store, Deduplicator dedup, EscalationPolicy escalation, Clock clock,
                           TaskScheduler scheduler, boolean openIncidents) {
        this.db = db;
        this.store = store;
        this.dedup = dedup;
        this.escalation = escalation;
        this.clock = clock;
        this.scheduler = scheduler;
        this.openIncidents = openIncidents;
    }

    /** Called after every change that leaves something to post. */
    public void onWork(Runnable wake) {
        this.wake = wake;
    }

    public EscalationPolicy escalationPolicy() {
        return escalation;
    }

    /** Stores the alerts of one request in one transaction; when this returns, they are durable. */
    public IngestResult ingest(List<IncomingAlert> alerts) {
        IngestResult r = db.inTransaction(c -> ingest(c, alerts));
        afterIngest(r);
        return r;
    }

    /** As {@link #ingest(List)} inside the caller's transaction; call {@link #afterIngest} after the commit. */
    public IngestResult ingest(Connection c, List<IncomingAlert> alerts) throws SQLException {
        Instant now = clock.instant();
        List<Long> created = new ArrayList<>();
        List<Long> repeated = new ArrayList<>();
        List<Long> resolved = new ArrayList<>();
        int ignored = 0;
        for (IncomingAlert a : alerts) {
            Optional<StoredAlert> open = store.latestOpen(c, a.source(), a.fingerprint());
            switch (dedup.decide(open, a.status(), now)) {
                case Deduplicator.Decision.New n -> {
                    if (n.supersede().isPresent()) {
                        store.supersede(c, n.supersede().get());
                    }
                    created.add(store.insert(c, a, now, openIncidents).id());
                }
                case Deduplicator.Decision.Repeat r -> {
                    store.countRepeat(c, r.id(), now);
                    repeated.add(r.id());
                }
                case Deduplicator.Decision.Resolve r -> {
                    store.resolve(c, r.id(), now);
                    resolved.add(r.id());
                }
                case Deduplicator.Decision.Ignore i -> ignored++;
            }
        }
        return new IngestResult(List.copyOf(created), List.copyOf(repeated), List.copyOf(resolved), ignored);
    }

    /** Wakes the poster and sets escalation timers for new Critical alerts; call after the ingest committed. */
    public void afterIngest(IngestResult r) {
        if (!r.created().isEmpty() || !r.resolved().isEmpty()) {
            wake.run();
        }
        for (long id : r.created()) {
            find(id).flatMap(escalation::dueAt).ifPresent(due -> scheduler.at(due, this::escalateDue));
        }
    }

    /** Acknowledges the alerts a room message stands for; returns the ids newly acknowledged. */
    public List<Long> acknowledgeMessage(Connection c, String eventId, String by) throws SQLException {
        return store.acknowledge(c, store.alertsForMessage(c, eventId), by, clock.instant());
    }

    /** Acknowledges alerts by id inside the caller's transaction; returns the ids newly acknowledged. */
    public List<Long> acknowledge(Connection c, Collection<Long> ids, String by) throws SQLException {
        List<Long> known = new ArrayList<>();
        for (long id : ids) {
            if (store.find(c, id).isPresent()) {
                known.add(id);
            }
        }
        return store.acknowledge(c, known, by, clock.instant());
    }

    /** Acknowledges alerts by id in a transaction of its own. */
    public List<Long> acknowledge(Collection<Long> ids, String by) {
        return db.inTransaction(c -> acknowledge(c, ids, by));
    }

    /**
     * Escalates every Critical alert now overdue (open, unacknowledged, not escalated). Idempotent; runs
     * from timers, at start-up and periodically. Returns how many escalated.
     */
    public int escalateDue() {
        Instant now = clock.instant();
        List<Long> done = db.inTransaction(c -> {
            List<Long> out = new ArrayList<>();
            for (StoredAlert a : store.escalationCandidates(c)) {
                if (escalation.isDue(a, now) && store.markEscalated(c, a.id(), now)) {
                    out.add(a.id());
                }
            }
            return out;
        });
        if (!done.isEmpty()) {
            log.atWarn().addKeyValue("alerts", done).log("Escalating unacknowledged Critical alerts");
            wake.run();
        }
        return done.size();
    }

    /** Sets a timer for every pending escalation; called once at start-up after {@link #escalateDue()}. */
    public void scheduleEscalations() {
        for (StoredAlert a : db.inTransaction(store::escalationCandidates)) {
            escalation.dueAt(a).ifPresent(due -> scheduler.at(due, this::escalateDue));
        }
    }

    public Optional<StoredAlert> find(long id) {
        return db.inTransaction(c -> store.find(c, id));
    }

    public List<StoredAlert> list(AlertStore.Filter filter, Level level, int limit, long afterId) {
        return db.inTransaction(c -> store.list(c, filter, level, limit, afterId));
    }

    public long openCount(Level level) {
        return db.inTransaction(c -> store.openCount(c, level));
    }

    public long unpostedCount() {
        return db.inTransaction(store::unpostedCount);
    }
}
