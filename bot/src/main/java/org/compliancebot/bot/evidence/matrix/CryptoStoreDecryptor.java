package org.compliancebot.bot.evidence.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.compliancebot.bot.evidence.EventDecryptor;
import org.compliancebot.bridge.crypto.machine.RoomDecryptionException;
import org.compliancebot.bridge.e2ee.E2ee;
import org.compliancebot.bridge.e2ee.StoredRoomKeys;
import org.compliancebot.bridge.event.MalformedEventException;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.RoomId;

/**
 * Decrypts events read from room history with the Megolm sessions in the bot's crypto store, with the checks
 * sync applies (the session's owner is the sender, its device key, replays, the room). Nothing is kept for
 * later when the key is missing. The cleartext is the plaintext exactly as the sender encrypted it, so the
 * verifier's re-decryption matches it.
 */
public final class CryptoStoreDecryptor implements EventDecryptor {
    /** Decrypts an event read from history with the store's room keys. */
    @FunctionalInterface
    private interface HistoryDecryption {
        RoomEvent decrypt(RoomEvent event) throws RoomDecryptionException;
    }

    private final HistoryDecryption history;

    private CryptoStoreDecryptor(HistoryDecryption history) {
        this.history = history;
    }

    /** The decryptor of the running bot; {@link EventDecryptor#none()} when it runs without encryption. */
    public static EventDecryptor of(E2ee e2ee) {
        return e2ee == null ? EventDecryptor.none() : new CryptoStoreDecryptor(e2ee::decryptHistoryEvent);
    }

    /** A decryptor on the crypto store alone, for the command line (the bot may be running on the same database). */
    public static EventDecryptor of(StoredRoomKeys keys) {
        return new CryptoStoreDecryptor(keys::decryptHistoryEvent);
    }

    @Override
    public Result decrypt(String roomId, String eventId, JsonNode event) {
        if (!(event instanceof ObjectNode raw)) {
            return new Result.Failed("the event is not a JSON object");
        }
        ObjectNode withId = raw.deepCopy();
        withId.put("event_id", eventId);
        withId.put("room_id", roomId);
        try {
            RoomEvent decrypted = history.decrypt(RoomEvent.parse(RoomId.of(roomId), withId));
            return SyncCleartext.of(decrypted).<Result>map(Result.Decrypted::new)
                    .orElseGet(() -> new Result.Failed("the decryption gave no cleartext"));
        } catch (RoomDecryptionException.UnknownSession e) {
            String session = raw.path("content").path("session_id").asText("?");
            return new Result.Failed("the bot holds no room key for Megolm session " + session
                    + (e.withheldCode() == null ? "" : " (the sender withheld it: " + e.withheldCode() + ")"));
        } catch (RoomDecryptionException e) {
            return new Result.Failed(e.getMessage());
        } catch (MalformedEventException | IllegalArgumentException e) {
            return new Result.Failed("the event cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            // A crypto store that cannot be read now must not stop the extraction; the record says so.
            return new Result.Failed("the crypto store could not be used: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "CryptoStoreDecryptor";
    }
}
