package org.compliancebot.bridge.crypto.primitives;

/**
 * A public key or signature could not be decoded: bad base64, wrong length, or not a valid point.
 * The caller should treat the data that carried it as untrusted and drop it.
 */
public final class KeyDecodeException extends Exception {
    public KeyDecodeException(String message) {
        super(message, null, false, false);
    }
}
