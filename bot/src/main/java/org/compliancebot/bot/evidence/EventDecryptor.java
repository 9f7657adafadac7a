package org.compliancebot.bot.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Decrypts {@code m.room.encrypted} events read from a room's history for the evidence log, with the room
 * keys the bot holds. A record of an event it cannot decrypt keeps the ciphertext and the server's hashes,
 * and says why it has no cleartext. Implementations must not throw: a failure is a {@link Result.Failed}.
 */
@FunctionalInterface
public interface EventDecryptor {
    /** The cleartext of an event, with what the bot knows of the sending device. */
    record Cleartext(ObjectNode payload, String senderDevice, SenderTrust trust) {
        /** {@code {type, content}} as a record stores it. */
        public String type() {
            return payload.path("type").asText();
        }
    }

    /** The outcome for one event. */
    sealed interface Result {
        /** The event decrypted. */
        record Decrypted(Cleartext cleartext) implements Result {}

        /** No cleartext, and why (for the record's note): no room key, a refused or damaged ciphertext. */
        record Failed(String reason) implements Result {}

        /** The cleartext when the event decrypted. */
        default Optional<Cleartext> decrypted() {
            return this instanceof Decrypted d ? Optional.of(d.cleartext()) : Optional.empty();
        }
    }

    /**
     * @param eventId the event's id (the federation format carries none in current room versions)
     * @param event   the event as read, client or federation format
     */
    Result decrypt(String roomId, String eventId, JsonNode event);

    /** Decrypts nothing: for a process without the bot's end-to-end encryption. */
    static EventDecryptor none() {
        return (room, id, event) -> new Result.Failed("read without the bot's end-to-end encryption, which holds the room keys");
    }
}
