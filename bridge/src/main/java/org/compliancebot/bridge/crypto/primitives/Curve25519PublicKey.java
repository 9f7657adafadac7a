package org.compliancebot.bridge.crypto.primitives;

import java.security.MessageDigest;
import java.util.Arrays;

/** A 32-byte Curve25519 (X25519) public key. Immutable; equality by value. */
public final class Curve25519PublicKey {
    public static final int LENGTH = 32;
    private final byte[] bytes;

    private Curve25519PublicKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of 32 raw bytes. */
    public static Curve25519PublicKey fromBytes(byte[] bytes) throws KeyDecodeException {
        if (bytes == null || bytes.length != LENGTH) {
            throw new KeyDecodeException("a Curve25519 public key is 32 bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        return new Curve25519PublicKey(bytes.clone());
    }

    /** Parses unpadded (or padded) base64 of 32 bytes. */
    public static Curve25519PublicKey fromBase64(String base64) throws KeyDecodeException {
        byte[] raw = UnpaddedBase64.decode(base64)
                .orElseThrow(() -> new KeyDecodeException("a Curve25519 public key must be base64"));
        return fromBytes(raw);
    }

    static Curve25519PublicKey wrap(byte[] bytes) {
        return new Curve25519PublicKey(bytes);
    }

    /** A copy of the raw 32 bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    byte[] raw() {
        return bytes;
    }

    /** Unpadded base64, as the key appears in Matrix JSON. */
    public String toBase64() {
        return UnpaddedBase64.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Curve25519PublicKey other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Curve25519PublicKey[" + toBase64() + "]";
    }
}
