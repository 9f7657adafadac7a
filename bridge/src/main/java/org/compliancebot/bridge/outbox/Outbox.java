package org.compliancebot.bridge.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MatrixException;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Room events to send, each under a caller-chosen idempotency key. The transaction id is stored with
 * the event before the first attempt, so every retry (after a timeout, a 5xx, or a crash and restart)
 * reuses it and the homeserver returns the first event instead of posting again.
 *
 * <p>Two ways in: {@link #enqueue} inside the caller's database transaction (for effects of a sync
 * batch, delivered by {@link #drain} or the background sender), and {@link #send} for a caller that
 * needs the event id now. A key already sent returns its event id and sends nothing.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final Database db;
    private final MatrixClient client;
    private final ObjectMapper mapper;
    private final Clock clock;
    private volatile EventTransformer transformer = EventTransformer.IDENTITY;
    private volatile Pacer pacer = Pacer.NONE;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ReentrantLock signalLock = new ReentrantLock();
    private final Condition work = signalLock.newCondition();
    private volatile boolean running;
    private Thread sender;

    /** Paces sends (for example to stay under the server's rate limit); {@link #NONE} does not wait. */
    @FunctionalInterface
    public interface Pacer {
        void beforeSend() throws InterruptedException;

        Pacer NONE = () -> { };
    }

    public Outbox(Database db, MatrixClient client, Clock clock) {
        this.db = db;
        this.client = client;
        this.mapper = client.mapper();
        this.clock = clock;
    }

    public void setTransformer(EventTransformer transformer) {
        this.transformer = transformer;
    }

    public void setPacer(Pacer pacer) {
        this.pacer = pacer;
    }

    /** Records an event to send, in the caller's transaction. A key seen before is left as it is. */
    public void enqueue(Connection tx, String key, RoomId room, String type, JsonNode content) throws SQLException {
        if (find(tx, key).isPresent()) {
            return;
        }
        long seq;
        try (PreparedStatement ps = tx.prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            seq = rs.getLong(1);
        }
        try (PreparedStatement ps = tx.prepareStatement(
                "INSERT INTO outbox (idempotency_key, seq, room_id, event_type, content, txn_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, key);
            ps.setLong(2, seq);
            ps.setString(3, room.value());
            ps.setString(4, type);
            ps.setString(5, content.toString());
            ps.setString(6, "cb-" + UUID.randomUUID());
            ps.setLong(7, clock.millis());
            ps.executeUpdate();
        }
        signal();
    }

    /**
     * Sends now and returns the event id; for a key sent before, returns the earlier event id without
     * sending. Throws {@link MatrixException} when the send fails after retries; calling again with the
     * same key retries with the same transaction id.
     */
    public EventId send(String key, RoomId room, String type, JsonNode content) {
        db.inTransactionVoid(c -> enqueue(c, key, room, type, content));
        Pending p = db.inTransaction(c -> find(c, key)).orElseThrow();
        if (p.eventId != null) {
            return EventId.of(p.eventId);
        }
        return deliver(p);
    }

    /** The event id sent under {@code key}, if it was sent. */
    public Optional<EventId> eventIdFor(String key) {
        return db.inTransaction(c -> find(c, key)).map(p -> p.eventId).map(EventId::of);
    }

    /** Number of events waiting to be sent. */
    public int pendingCount() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE event_id IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Sends everything pending, oldest first; stops at the first event that fails and returns how many went out. */
    public int drain() {
        int sent = 0;
        while (true) {
            List<Pending> batch = db.inTransaction(c -> pending(c, 50));
            if (batch.isEmpty()) {
                return sent;
            }
            for (Pending p : batch) {
                deliver(p);
                sent++;
            }
        }
    }

    private EventId deliver(Pending p) {
        sendLock.lock();
        try {
            Optional<Pending> current = db.inTransaction(c -> find(c, p.key));
            if (current.isPresent() && current.get().eventId != null) {
                return EventId.of(current.get().eventId);
            }
            pacer.beforeSend();
            EventTransformer.Wire wire = transformer.transform(RoomId.of(p.roomId), p.type, mapper.readTree(p.content));
            EventId id;
            try {
                id = client.sendEvent(RoomId.of(p.roomId), wire.type(), wire.content(), p.txnId);
            } catch (MatrixException e) {
                db.inTransactionVoid(c -> recordFailure(c, p.key, e.getMessage()));
                throw e;
            }
            db.inTransactionVoid(c -> recordSent(c, p.key, id));
            return id;
        } catch (IOException e) {
            throw new StoreException("stored outbox content is not JSON for key " + p.key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MatrixException("send interrupted", e);
        } finally {
            sendLock.unlock();
        }
    }

    /** Starts a background sender that delivers enqueued events as they come. */
    public synchronized void start() {
        if (sender != null) {
            return;
        }
        running = true;
        sender = Thread.ofPlatform().name("matrix-outbox").start(this::senderLoop);
    }

    private void senderLoop() {
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            try {
                if (drain() == 0) {
                    awaitWork(Duration.ofSeconds(5));
                }
                backoff = Duration.ofMillis(500);
            } catch (MatrixException e) {
                log.warn("Sending failed ({}); retrying in {} ms", e.getMessage(), backoff.toMillis());
                awaitWork(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                log.error("Outbox sender error", e);
                awaitWork(backoff);
            }
        }
    }

    private void awaitWork(Duration d) {
        signalLock.lock();
        try {
            work.await(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            signalLock.unlock();
        }
    }

    private void signal() {
        signalLock.lock();
        try {
            work.signalAll();
        } finally {
            signalLock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        signal();
        Thread t = sender;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Pending(String key, String roomId, String type, String content, String txnId, String eventId) {}

    private static Optional<Pending> find(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT idempotency_key, room_id, event_type, content, txn_id, event_id FROM outbox WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static List<Pending> pending(Connection c, int limit) throws SQLException {
        List<Pending> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT idempotency_key, room_id, event_type, content, txn_id, event_id FROM outbox WHERE event_id IS NULL ORDER BY seq LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    private static Pending row(ResultSet rs) throws SQLException {
        return new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
    }

    private void recordSent(Connection c, String key, EventId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox SET event_id = ?, sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE idempotency_key = ?")) {
            ps.setString(1, id.value());
            ps.setLong(2, clock.millis());
            ps.setString(3, key);
            ps.executeUpdate();
        }
    }

    private static void recordFailure(Connection c, String key, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE idempotency_key = ?")) {
            ps.setString(1, error);
            ps.setString(2, key);
            ps.executeUpdate();
        }
    }
}
