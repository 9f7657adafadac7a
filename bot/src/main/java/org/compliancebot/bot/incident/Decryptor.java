package org.compliancebot.bot.incident;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.compliancebot.bridge.event.RoomEvent;

/**
 * Turns an {@code m.room.encrypted} event into its cleartext, for transcripts. The encryption layer
 * provides it; without one, encrypted events are kept as received and marked undecrypted.
 */
@FunctionalInterface
public interface Decryptor {
    /** The outcome for one event. */
    sealed interface Result {
        /** The cleartext {@code type} and {@code content}, and the sending device when known. */
        record Decrypted(String type, ObjectNode content, String senderDevice) implements Result {}

        record Failed(String reason) implements Result {}
    }

    /** Must not throw: failures are a {@link Result.Failed}. */
    Result decrypt(RoomEvent encrypted);

    Decryptor NONE = e -> new Result.Failed("no decryption available");
}
