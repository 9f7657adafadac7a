package org.compliancebot.bot.evidence.matrix;

import org.compliancebot.bot.evidence.SessionExportSource;
import org.compliancebot.bridge.e2ee.E2ee;
import org.compliancebot.bridge.e2ee.StoredRoomKeys;
import org.compliancebot.bridge.id.RoomId;

/**
 * {@link SessionExportSource}s backed by the bot's crypto store: the running bot's end-to-end encryption,
 * or the store read directly (the command line). An empty sender key (events of clients that no longer send
 * {@code sender_key}) matches the session by room and id alone.
 */
public final class CryptoStoreSessions {
    private CryptoStoreSessions() {}

    /** The sessions of the running bot; {@link SessionExportSource#none()} when it runs without encryption. */
    public static SessionExportSource of(E2ee e2ee) {
        if (e2ee == null) {
            return SessionExportSource.none();
        }
        return (room, senderKey, sessionId, firstIndex) -> e2ee.exportRoomKey(RoomId.of(room), sessionId, senderKey, firstIndex);
    }

    /** The sessions in the crypto store, read without the homeserver. */
    public static SessionExportSource of(StoredRoomKeys keys) {
        return (room, senderKey, sessionId, firstIndex) -> keys.export(RoomId.of(room), sessionId, senderKey, firstIndex);
    }
}
