package org.compliancebot.bridge.crypto.primitives;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A 32-byte Ed25519 public key. The decoded curve point is kept, so repeated verifications
 * skip point decompression. Immutable and thread-safe.
 */
public final class Ed25519PublicKey {
    public static final int LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;
    private final byte[] bytes;
    private final Ed25519PublicKeyParameters params;

    private Ed25519PublicKey(byte[] bytes, Ed25519PublicKeyParameters params) {
        this.bytes = bytes;
        this.params = params;
    }

    /** Wraps a copy of 32 raw bytes; refuses bytes that do not encode a curve point. */
    public static Ed25519PublicKey fromBytes(byte[] bytes) throws KeyDecodeException {
        if (bytes == null || bytes.length != LENGTH) {
            throw new KeyDecodeException("an Ed25519 public key is 32 bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        return fromBytes(bytes, 0);
    }

    /** Reads 32 bytes at {@code off}. */
    public static Ed25519PublicKey fromBytes(byte[] src, int off) throws KeyDecodeException {
        byte[] copy = Arrays.copyOfRange(src, off, off + LENGTH);
        try {
            return new Ed25519PublicKey(copy, new Ed25519PublicKeyParameters(copy, 0));
        } catch (IllegalArgumentException e) {
            throw new KeyDecodeException("the bytes are not a valid Ed25519 public key");
        }
    }

    /** Parses unpadded (or padded) base64 of 32 bytes. */
    public static Ed25519PublicKey fromBase64(String base64) throws KeyDecodeException {
        byte[] raw = UnpaddedBase64.decode(base64)
                .orElseThrow(() -> new KeyDecodeException("an Ed25519 public key must be base64"));
        return fromBytes(raw);
    }

    static Ed25519PublicKey of(Ed25519PublicKeyParameters params) {
        return new Ed25519PublicKey(params.getEncoded(), params);
    }

    /** Verifies a 64-byte signature over {@code msg[off, off+len)}. */
    public boolean verify(byte[] msg, int off, int len, byte[] sig, int sigOff) {
        if (sig.length - sigOff < SIGNATURE_LENGTH) {
            return false;
        }
        return params.verify(Ed25519.Algorithm.Ed25519, null, msg, off, len, sig, sigOff);
    }

    /** Verifies a 64-byte signature over all of {@code msg}. */
    public boolean verify(byte[] msg, byte[] sig) {
        return sig.length == SIGNATURE_LENGTH && verify(msg, 0, msg.length, sig, 0);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    void copyTo(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, LENGTH);
    }

    public String toBase64() {
        return UnpaddedBase64.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PublicKey other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + toBase64() + "]";
    }
}
