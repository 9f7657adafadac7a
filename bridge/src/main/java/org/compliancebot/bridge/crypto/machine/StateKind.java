package org.compliancebot.bridge.crypto.machine;

/**
 * The kinds of persisted machine state. A store keeps one value per (kind, key); values of a
 * {@linkplain #secret() secret} kind hold key material and must be encrypted at rest.
 */
public enum StateKind {
    /** The Olm account and whether the device keys were uploaded. */
    ACCOUNT(true),
    /** Olm sessions, keyed by the peer's Curve25519 key and the session id. */
    OLM_SESSION(true),
    /** Megolm sessions we received, keyed by room and session id. */
    INBOUND_GROUP(true),
    /** Our Megolm session per room, with whom it was shared. */
    OUTBOUND_GROUP(true),
    /** The bot's own cross-signing private keys. */
    CROSS_SIGNING(true),
    /** Another user's devices and cross-signing keys (public). */
    USER_KEYS(false),
    /** A room's encryption settings, history visibility and membership. */
    ROOM(false),
    /** Megolm (session, index) first seen in which event, for replay detection. */
    REPLAY(false),
    /** Encrypted events waiting for their room key. */
    PENDING_EVENT(false),
    /** To-device messages waiting to be sent (already Olm-encrypted, or not secret). */
    OUTGOING(false),
    /** Room keys withheld from us, as the sender said. */
    WITHHELD(false),
    /** Room key requests: ours to other own devices, and theirs waiting for an Olm session. */
    KEY_REQUEST(false);

    private final boolean secret;

    StateKind(boolean secret) {
        this.secret = secret;
    }

    public boolean secret() {
        return secret;
    }
}
