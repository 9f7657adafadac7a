package org.compliancebot.bridge.crypto.state;

/**
 * Persisted crypto state could not be restored: it is truncated, corrupt, or from an unknown
 * format version. The state is unusable; the caller must not fall back to a fresh state silently
 * (that would lose sessions), but report the store as damaged.
 */
public final class StateDecodeException extends Exception {
    public StateDecodeException(String message) {
        super(message);
    }
}
