package org.compliancebot.bridge.crypto.megolm;

/**
 * The plaintext of a Megolm message and its index. Record {@code (session id, index, event id)}
 * with a {@link ReplayGuard} and refuse an index seen before with another event.
 */
public record DecryptedGroupMessage(byte[] plaintext, long messageIndex) {
    @Override
    public String toString() {
        return "DecryptedGroupMessage[index=" + messageIndex + ", " + plaintext.length + " bytes]";
    }
}
