package org.compliancebot.bridge.e2ee;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.compliancebot.bridge.crypto.machine.OlmMachine;
import org.compliancebot.bridge.crypto.machine.RoomDecryptionException;
import org.compliancebot.bridge.crypto.machine.SharingPolicy;
import org.compliancebot.bridge.crypto.machine.StateChanges;
import org.compliancebot.bridge.crypto.state.StateDecodeException;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.StoreException;

/**
 * Owns the machine and runs every use of it inside a database transaction, saving its changes in that
 * transaction. A generation mark written with each change tells when a transaction was rolled back
 * after the machine had moved on; the machine is then loaded again from the store, so memory never
 * runs ahead of what is committed.
 */
final class MachineHolder {
    private static final String GENERATION = "generation";

    /** Work on the machine inside a transaction. */
    @FunctionalInterface
    interface MachineWork<T> {
        T run(OlmMachine machine) throws SQLException;
    }

    private final Database db;
    private final CryptoStore store;
    private final UserId user;
    private final DeviceId device;
    private final SharingPolicy policy;
    private final java.time.Clock clock;
    private OlmMachine machine;
    private String generation;

    MachineHolder(Database db, CryptoStore store, UserId user, DeviceId device, SharingPolicy policy, java.time.Clock clock) {
        this.db = db;
        this.store = store;
        this.user = user;
        this.device = device;
        this.policy = policy;
        this.clock = clock;
    }

    /** Uses a machine that is not stored yet (a fresh account, before the start-up checks passed). */
    void adopt(OlmMachine fresh) {
        machine = fresh;
        generation = null;
    }

    /** Runs {@code work} in its own transaction (or the caller's, when one is open on this thread). */
    <T> T use(MachineWork<T> work) {
        return db.inTransaction(c -> use(c, work));
    }

    /** Runs {@code work} in the caller's transaction {@code c}. */
    <T> T use(Connection c, MachineWork<T> work) throws SQLException {
        String stored = readGeneration(c);
        if (machine == null || generation != null && !generation.equals(stored) || generation == null && stored != null) {
            load(c);
            generation = stored;
        }
        T result;
        try {
            result = work.run(machine);
        } catch (SQLException | RuntimeException | Error e) {
            machine = null;
            throw e;
        }
        StateChanges changes = machine.takeChanges();
        if (!changes.isEmpty()) {
            store.save(c, changes);
            generation = UUID.randomUUID().toString();
            writeGeneration(c, generation);
        }
        return result;
    }

    /** Decrypts an event read from a room's history, in a transaction of its own; see {@link OlmMachine#decryptHistoryEvent}. */
    RoomEvent decryptHistoryEvent(RoomEvent event) throws RoomDecryptionException {
        RoomDecryptionException[] failure = new RoomDecryptionException[1];
        RoomEvent out = use(m -> {
            try {
                return m.decryptHistoryEvent(event);
            } catch (RoomDecryptionException e) {
                failure[0] = e;
                return null;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return out;
    }

    private void load(Connection c) throws SQLException {
        try {
            machine = OlmMachine.load(user, device, policy, clock, store.load(c));
        } catch (StateDecodeException e) {
            throw new StoreException("the crypto store cannot be read: " + e.getMessage(), e);
        }
    }

    private static String readGeneration(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM sync_state WHERE name = ?")) {
            ps.setString(1, "crypto_" + GENERATION);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void writeGeneration(Connection c, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_state (name, value) VALUES (?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, "crypto_" + GENERATION);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    @Override
    public String toString() {
        return "MachineHolder[" + user + " " + device + "]";
    }
}
