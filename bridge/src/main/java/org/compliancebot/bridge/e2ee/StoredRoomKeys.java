package org.compliancebot.bridge.e2ee;

import java.time.Clock;
import java.util.Optional;
import org.compliancebot.bridge.crypto.machine.SharingPolicy;
import org.compliancebot.bridge.crypto.megolm.ExportedSessionKey;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;

/**
 * Reads the room keys of the bot's crypto store without a homeserver connection, for exports made from the
 * command line while the bot may be running elsewhere on the same database. It only reads: nothing in the
 * store changes. {@link #toString()} shows no key material.
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
        boolean empty = db.inTransaction(c -> {
            if (store.isEmpty(c)) {
                return true;
            }
            store.checkKey(c);
            return false;
        });
        return empty ? Optional.empty() : holder.use(m -> m.exportInboundSession(room, sessionId, senderKey, firstIndex));
    }

    @Override
    public String toString() {
        return "StoredRoomKeys[" + holder + "]";
    }
}
