package org.compliancebot.bot.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Decrypts {@code m.room.encrypted} events for the evidence log when sync did not hand them over decrypted
 * (monitored-room messages arrive decrypted and need no hook). Without a decryption, a record of an encrypted
 * event carries the ciphertext and the server's hashes only.
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
