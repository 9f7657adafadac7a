package org.compliancebot.bridge.e2ee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MatrixException;
import org.compliancebot.bridge.crypto.machine.OlmMachine;
import org.compliancebot.bridge.crypto.machine.OutgoingRequest;
import org.compliancebot.bridge.crypto.machine.RoomDecryptionException;
import org.compliancebot.bridge.crypto.machine.SharingPolicy;
import org.compliancebot.bridge.crypto.megolm.ExportedSessionKey;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.outbox.EventTransformer;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;
import org.compliancebot.bridge.sync.SyncConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end encryption for the logged-in device, wired to the sync engine and the outbox.
 *
 * <p>Order of use: {@link #start} (opens the store, checks it against the homeserver, uploads keys and
 * cross-signs the device), {@link #wrap} the application's sync consumer, set {@link #transformer()} on
 * the outbox, then start syncing. Decrypted events reach the application as {@code RoomEvent}s with
 * {@code encryption()} set: the sending device, its keys, the sender's master key and whether the
 * device is cross-signed. {@link #close()} stops the background sender.
 */
public final class E2ee implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(E2ee.class);

    private final MatrixClient client;
    private final Database db;
    private final CryptoStore store;
    private final SharingPolicy policy;
    private final Clock clock;
    private final RequestSender sender;
    private final Object sendLock = new Object();
    private final Object signal = new Object();
    private MachineHolder holder;
    private volatile boolean running;
    private volatile boolean dirty;
    private Thread flusher;

    public E2ee(MatrixClient client, Database db, StoreKey storeKey, SharingPolicy policy, Clock clock) {
        this.client = client;
        this.db = db;
        this.store = new CryptoStore(storeKey);
        this.policy = policy;
        this.clock = clock;
        this.sender = new RequestSender(client);
    }

    /**
     * Opens the crypto store and checks it against the homeserver, uploads the device and one-time keys,
     * and sets up cross-signing ({@code password} answers the server's user-interactive auth).
     *
     * @throws CryptoStartupException when the store key is wrong, the store was lost, or the store's
     *     identity keys are not the ones the server holds for this device
     */
    public void start(Supplier<Optional<String>> password) {
        Migrations.migrate(db, "bridge", E2ee.class.getClassLoader());
        var session = client.session();
        holder = new MachineHolder(db, store, session.userId(), session.deviceId(), policy, clock);
        boolean fresh;
        try {
            fresh = db.inTransaction(c -> {
                store.checkKey(c);
                return store.isEmpty(c);
            });
        } catch (CryptoStore.WrongStoreKeyException e) {
            throw new CryptoStartupException(e.getMessage(), e);
        }
        Optional<ObjectNode> onServer = serverDeviceKeys();
        if (fresh) {
            if (onServer.isPresent()) {
                throw new CryptoStartupException("the homeserver already has device keys for device " + session.deviceId()
                        + " of " + session.userId() + ", but the crypto store is empty: the store was lost or this is "
                        + "another database. Restore the database backup (with its store key), or configure a new "
                        + "device id for the bot (and delete the old device on the server)");
            }
            holder.adopt(OlmMachine.create(session.userId(), session.deviceId(), policy, clock));
        } else {
            OlmMachine loaded = loadChecked();
            String curve = loaded.identityKeys().curve25519().toBase64();
            String ed = loaded.identityKeys().ed25519().toBase64();
            if (onServer.isPresent()) {
                JsonNode keys = onServer.get().path("keys");
                if (!curve.equals(keys.path("curve25519:" + session.deviceId().value()).asText())
                        || !ed.equals(keys.path("ed25519:" + session.deviceId().value()).asText())) {
                    throw new CryptoStartupException("the identity keys in the crypto store differ from the device keys the "
                            + "homeserver holds for device " + session.deviceId() + " of " + session.userId()
                            + ": the store belongs to another device or was replaced. Restore the matching database "
                            + "backup, or configure a new device id for the bot");
                }
            } else {
                log.warn("The homeserver has no device keys for {}; uploading them again", session.deviceId());
                holder.use(m -> {
                    m.markDeviceKeysMissing();
                    return null;
                });
            }
        }
        flushOutgoing();
        new CrossSigningBootstrap(client, holder, password).run();
        flushOutgoing();
        startFlusher();
        log.info("End-to-end encryption ready for {} {} (cross-signed: {})", session.userId(), session.deviceId(),
                holder.use(OlmMachine::isCrossSigningReady));
    }

    private OlmMachine loadChecked() {
        try {
            return holder.use(m -> m);
        } catch (CryptoStore.WrongStoreKeyException e) {
            throw new CryptoStartupException(e.getMessage(), e);
        } catch (org.compliancebot.bridge.store.StoreException | IllegalStateException e) {
            throw new CryptoStartupException("the crypto store cannot be read: " + e.getMessage(), e);
        }
    }

    private Optional<ObjectNode> serverDeviceKeys() {
        var session = client.session();
        ObjectNode body = client.mapper().createObjectNode();
        body.putObject("device_keys").putArray(session.userId().value()).add(session.deviceId().value());
        JsonNode r = client.postJson(OutgoingRequest.CLIENT_V3 + "/keys/query", body);
        JsonNode keys = r.path("device_keys").path(session.userId().value()).path(session.deviceId().value());
        return keys instanceof ObjectNode o && o.has("keys") ? Optional.of(o) : Optional.empty();
    }

    /** Wraps the application's consumer so it receives decrypted events; see {@link DecryptingConsumer}. */
    public SyncConsumer wrap(SyncConsumer inner) {
        return new DecryptingConsumer(requireStarted(), sender, inner, this::requestFlush);
    }

    /** The outbox hook that encrypts events for encrypted rooms. */
    public EventTransformer transformer() {
        return new EncryptingTransformer(client, requireStarted(), sender, this);
    }

    private MachineHolder requireStarted() {
        if (holder == null) {
            throw new IllegalStateException("call start first");
        }
        return holder;
    }

    Object sendLock() {
        return sendLock;
    }

    /** Sends everything the machine has queued (key uploads, queries, to-device messages), until nothing is left. */
    public void flushOutgoing() {
        synchronized (sendLock) {
            for (int round = 0; round < 10; round++) {
                List<OutgoingRequest> requests = holder.use(OlmMachine::outgoingRequests);
                if (requests.isEmpty()) {
                    return;
                }
                for (OutgoingRequest r : requests) {
                    JsonNode answer = sender.send(r);
                    holder.use(m -> {
                        m.markRequestAsSent(r, answer);
                        return null;
                    });
                }
            }
        }
    }

    /** True once the bot's device is signed by its own cross-signing identity. */
    public boolean isCrossSigningReady() {
        return requireStarted().use(OlmMachine::isCrossSigningReady);
    }

    /**
     * The Megolm session {@code sessionId} of {@code room} as the crypto store holds it, exported at
     * {@code firstIndex} (or the earliest index held, when later); see
     * {@link OlmMachine#exportInboundSession}. Whoever gets the export can read that session's messages.
     */
    public Optional<ExportedSessionKey> exportRoomKey(RoomId room, String sessionId, String senderKey, long firstIndex) {
        return requireStarted().use(m -> m.exportInboundSession(room, sessionId, senderKey, firstIndex));
    }

    /**
     * Decrypts an {@code m.room.encrypted} event read from a room's history (for example through
     * {@code /messages}) with the room keys the crypto store holds; see {@link OlmMachine#decryptHistoryEvent}.
     * Nothing is queued when the key is missing: that is an {@code UnknownSession}.
     */
    public RoomEvent decryptHistoryEvent(RoomEvent event) throws RoomDecryptionException {
        return requireStarted().decryptHistoryEvent(event);
    }

    /** How many encrypted events wait for their room key (for the self-check). */
    public int pendingEventCount() {
        return requireStarted().use(OlmMachine::pendingEventCount);
    }

    private void requestFlush() {
        dirty = true;
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void startFlusher() {
        running = true;
        flusher = Thread.ofPlatform().name("crypto-requests").daemon(true).start(() -> {
            while (running) {
                synchronized (signal) {
                    try {
                        if (!dirty) {
                            signal.wait(30_000);
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                dirty = false;
                try {
                    flushOutgoing();
                } catch (MatrixException | org.compliancebot.bridge.store.StoreException e) {
                    log.warn("Sending crypto requests failed ({}); retrying later", e.getMessage());
                } catch (RuntimeException e) {
                    if (running) {
                        log.error("Sending crypto requests failed", e);
                    }
                }
            }
        });
    }

    @Override
    public void close() {
        running = false;
        Thread t = flusher;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "E2ee[" + (holder == null ? "not started" : holder) + "]";
    }
}
