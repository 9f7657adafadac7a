package org.compliancebot.bot.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Decrypts {@code m.room.encrypted} events for the evidence log; filled by the end-to-end encryption layer.
 * Until it is, records of encrypted events carry the ciphertext and the server's hashes only.
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

    Optional<Cleartext> decrypt(String roomId, JsonNode event);

    static EventDecryptor none() {
        return (room, event) -> Optional.empty();
    }
}
