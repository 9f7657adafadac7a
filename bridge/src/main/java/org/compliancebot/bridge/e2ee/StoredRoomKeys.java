package org.compliancebot.bridge.e2ee;

import java.time.Clock;
import java.util.Optional;
import org.compliancebot.bridge.crypto.machine.RoomDecryptionException;
import org.compliancebot.bridge.crypto.machine.SharingPolicy;
import org.compliancebot.bridge.crypto.megolm.ExportedSessionKey;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;

/**
 * Uses the room keys of the bot's crypto store without a homeserver connection, for exports and extractions made
 * from the command line while the bot may be running elsewhere on the same database. An export only reads. A
 * decryption notes, as sync does, which event used each message index (replay protection), in its own
 * transaction with the store's generation mark, so a running bot loads the store again before its next use.
 * {@link #toString()} shows no key material.
 */
public final class StoredRoomKeys {
    private final Database db;
    private final CryptoStore store;
    private final MachineHolder holder;

    /** @throws CryptoStore.WrongStoreKeyException on first use, when {@code storeKey} does not open the store */
    public StoredRoomKeys(Database db, StoreKey storeKey, UserId user, DeviceId device, Clock clock) {
        this.db = db;
        this.store = new CryptoStore(storeKey);
        this.holder = new MachineHolder(db, store, user, device, SharingPolicy.CROSS_SIGNED_ONLY, clock);
    }

    /** As {@link E2ee#exportRoomKey}; empty when the store is empty or does not hold the session. */
    public Optional<ExportedSessionKey> export(RoomId room, String sessionId, String senderKey, long firstIndex) {
        return isEmpty() ? Optional.empty() : holder.use(m -> m.exportInboundSession(room, sessionId, senderKey, firstIndex));
    }

    /**
     * As {@link E2ee#decryptHistoryEvent}: decrypts an event read from a room's history with the room keys the
     * store holds, with the checks sync applies.
     *
     * @throws RoomDecryptionException.UnknownSession when the store is empty or does not hold the session
     */
    public RoomEvent decryptHistoryEvent(RoomEvent event) throws RoomDecryptionException {
        if (isEmpty()) {
            throw new RoomDecryptionException.UnknownSession(event.content().path("session_id").asText("?"), null);
        }
        return holder.decryptHistoryEvent(event);
    }

    /** True when the store holds nothing; checks the store key otherwise. */
    private boolean isEmpty() {
        return db.inTransaction(c -> {
            if (store.isEmpty(c)) {
                return true;
            }
            store.checkKey(c);
            return false;
        });
    }

    @Override
    public String toString() {
        return "StoredRoomKeys[" + holder + "]";
    }
}
