package org.compliancebot.bridge.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.compliancebot.bridge.api.ErrCode;
import org.compliancebot.bridge.api.HttpTransport;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MatrixException;
import org.compliancebot.bridge.api.RetryPolicy;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync loop. Each round long-polls {@code /sync}, fills timeline gaps, drops events handed over
 * before, and gives the rest to the {@link SyncConsumer} inside one database transaction that also
 * stores the new position. So every event is applied exactly once, across crashes and restarts.
 *
 * <p>While the server is unreachable the loop backs off (up to {@link SyncOptions#maxBackoff()}) and
 * resumes from the saved position. An invalid access token stops it: that needs an operator.
 */
public final class SyncEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

    /** A fault-injection point for tests: runs after the consumer applied a batch, before the commit. */
    @FunctionalInterface
    public interface BeforeCommit {
        void run(SyncBatch batch);
    }

    private final MatrixClient client;
    private final Database db;
    private final SyncConsumer consumer;
    private final SyncOptions options;
    private final Clock clock;
    private final SyncStore store = new SyncStore();
    private final AtomicReference<HttpTransport.Exchange> inFlight = new AtomicReference<>();
    private final AtomicLong lastSuccess = new AtomicLong();
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile BeforeCommit beforeCommit = b -> { };
    private volatile boolean running;
    private volatile Thread thread;
    private String filterId;

    public SyncEngine(MatrixClient client, Database db, SyncConsumer consumer, SyncOptions options, Clock clock) {
        this.client = client;
        this.db = db;
        this.consumer = consumer;
        this.options = options;
        this.clock = clock;
        Migrations.migrate(db, "bridge", SyncEngine.class.getClassLoader());
    }

    public void setBeforeCommit(BeforeCommit hook) {
        this.beforeCommit = hook;
    }

    /** Starts the loop on its own thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        thread = Thread.ofPlatform().name("matrix-sync").daemon(false).start(this::loop);
    }

    /**
     * Stops the loop: a poll in flight is cancelled; a batch being applied is finished and committed.
     * Waits up to {@code timeout} for the loop to end.
     */
    public boolean stop(Duration timeout) {
        running = false;
        HttpTransport.Exchange ex = inFlight.get();
        if (ex != null) {
            ex.cancel();
        }
        Thread t = thread;
        if (t == null) {
            return true;
        }
        try {
            return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    /** The fatal error that ended the loop, if any. */
    public Optional<Throwable> fatalError() {
        return Optional.ofNullable(fatal.get());
    }

    /** When the last sync round completed, as epoch millis (0 before the first). */
    public long lastSuccessMillis() {
        return lastSuccess.get();
    }

    /** The saved position, or empty before the first committed batch. */
    public Optional<String> savedPosition() {
        return db.inTransaction(store::position);
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(500);
        try {
            while (running) {
                try {
                    syncOnce();
                    backoff = Duration.ofMillis(500);
                } catch (HttpTransport.CancelledException e) {
                    break;
                } catch (MatrixException e) {
                    if (e.is(ErrCode.M_UNKNOWN_TOKEN) || e.is(ErrCode.M_MISSING_TOKEN)) {
                        log.error("The homeserver rejected the access token ({}); sync stops. Log in again.", e.errCode());
                        fatal.set(e);
                        break;
                    }
                    log.warn("Sync failed ({}); retrying in {} ms from the saved position", e.getMessage(), backoff.toMillis());
                    if (!pause(backoff)) {
                        break;
                    }
                    backoff = min(backoff.multipliedBy(2), options.maxBackoff());
                } catch (RuntimeException e) {
                    log.error("Sync round failed; the batch was not applied and will come again", e);
                    if (!pause(backoff)) {
                        break;
                    }
                    backoff = min(backoff.multipliedBy(2), options.maxBackoff());
                }
            }
        } catch (Error e) {
            fatal.set(e);
            throw e;
        } finally {
            running = false;
            stopped.countDown();
            log.info("Sync loop stopped");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private boolean pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (running && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return running;
    }

    /**
     * One round: poll, prepare and apply. Public so tests and tools can drive the engine step by step.
     * Returns the batch that was applied.
     */
    public SyncBatch syncOnce() {
        if (filterId == null) {
            filterId = client.uploadFilter(filter());
        }
        String since = db.inTransaction(store::position).orElse(null);
        HttpTransport.Exchange exchange = client.transport().newExchange();
        inFlight.set(exchange);
        if (!running && thread != null) {
            throw new HttpTransport.CancelledException();
        }
        JsonNode answer;
        try {
            answer = client.sync(since, filterId, options.pollTimeout(), exchange, RetryPolicy.NONE);
        } finally {
            inFlight.set(null);
        }
        SyncBatch applied = handOff(since, answer);
        lastSuccess.set(clock.millis());
        if (!applied.timeline().isEmpty()) {
            log.debug("Applied {} events up to {}", applied.timeline().size(), abbreviate(applied.nextBatch()));
        }
        return applied;
    }

    /**
     * Applies one {@code /sync} answer obtained from position {@code since}: parses it, fills gaps, drops
     * events handed over before, and runs the consumer and the position update in one transaction.
     * {@link #syncOnce()} calls it after polling; tools and benchmarks may call it with an answer of their own.
     */
    public SyncBatch handOff(String since, JsonNode answer) {
        SyncParser parser = new SyncParser(client.session().userId());
        SyncParser.Parsed parsed;
        try {
            parsed = parser.parse(answer);
        } catch (SyncParser.BadSyncException e) {
            throw new MatrixException(200, null, e.getMessage(), null);
        }
        boolean firstSync = since == null;
        List<RoomEvent> candidates = new ArrayList<>();
        List<RoomEvent> state = new ArrayList<>();
        for (SyncParser.JoinedRoom room : parsed.joined()) {
            state.addAll(room.state());
            if (room.limited() && room.prevBatch() != null && !(firstSync && options.skipHistoryOnFirstSync())) {
                String stopAt = db.inTransaction(c -> store.lastEventId(c, room.roomId())).orElse(null);
                candidates.addAll(new GapFiller(client, options.maxBackfillEvents()).backfill(room.roomId(), room.prevBatch(), stopAt, parser));
            }
            candidates.addAll(room.timeline());
        }
        handleInvites(parsed.invites());
        return db.inTransaction(c -> {
            Set<String> seen = store.alreadyProcessed(c, candidates.stream().map(e -> e.eventId().value()).toList());
            Set<String> inBatch = new LinkedHashSet<>();
            List<RoomEvent> fresh = new ArrayList<>();
            for (RoomEvent e : candidates) {
                if (!seen.contains(e.eventId().value()) && inBatch.add(e.eventId().value())) {
                    fresh.add(e);
                }
            }
            List<RoomEvent> deliver = firstSync && options.skipHistoryOnFirstSync() ? List.of() : fresh;
            SyncBatch batch = new SyncBatch(since, parsed.nextBatch(), deliver, state, parsed.invites(), parsed.left(),
                    parsed.toDevice(), parsed.changed(), parsed.leftUsers(), parsed.otkCounts(), parsed.fallbackTypes());
            consumer.apply(batch, c);
            store.markProcessed(c, fresh, clock.millis());
            store.savePosition(c, parsed.nextBatch());
            beforeCommit.run(batch);
            return batch;
        });
    }

    private void handleInvites(List<SyncBatch.Invite> invites) {
        for (SyncBatch.Invite invite : invites) {
            if (options.inviteAllowed().test(invite.inviter())) {
                try {
                    client.join(invite.roomId().value());
                    log.info("Joined {} on the invitation of {}", invite.roomId(), invite.inviter());
                } catch (MatrixException e) {
                    log.warn("Could not join {}: {}", invite.roomId(), e.getMessage());
                }
            } else {
                log.info("Ignoring the invitation to {} from {}: inviter not allowed", invite.roomId(), invite.inviter());
            }
        }
    }

    private ObjectNode filter() {
        ObjectNode f = client.mapper().createObjectNode();
        ObjectNode room = f.putObject("room");
        room.putObject("timeline").put("limit", options.timelineLimit());
        room.putObject("state").put("lazy_load_members", true);
        f.put("event_format", "client");
        return f;
    }

    private static String abbreviate(String token) {
        return token.length() <= 12 ? token : token.substring(0, 12) + "…";
    }
}
