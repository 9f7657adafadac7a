package org.compliancebot.bridge.crypto.machine;

/** An {@code m.room.encrypted} room event could not be decrypted, or its plaintext must not be trusted. */
public abstract sealed class RoomDecryptionException extends Exception
        permits RoomDecryptionException.UnknownSession, RoomDecryptionException.Refused,
                RoomDecryptionException.Undecryptable {

    private RoomDecryptionException(String message) {
        super(message, null, false, false);
    }

    /** We hold no key for the event's session yet; it may arrive later. {@code withheldCode} when the sender refused it. */
    public static final class UnknownSession extends RoomDecryptionException {
        private final String withheldCode;

        public UnknownSession(String sessionId, String withheldCode) {
            super("no room key for Megolm session " + sessionId + (withheldCode == null ? " yet; the event is kept until it arrives"
                    : "; the sender withheld it (" + withheldCode + ")"));
            this.withheldCode = withheldCode;
        }

        public String withheldCode() {
            return withheldCode;
        }
    }

    /** The event decrypted or could have, but a check failed: a replay, another room, another sender's key. */
    public static final class Refused extends RoomDecryptionException {
        public Refused(String why) {
            super("encrypted event refused: " + why);
        }
    }

    /** Malformed content, an unsupported algorithm, or a Megolm failure (signature, MAC, index). */
    public static final class Undecryptable extends RoomDecryptionException {
        public Undecryptable(String why) {
            super("encrypted event cannot be decrypted: " + why);
        }
    }
}
