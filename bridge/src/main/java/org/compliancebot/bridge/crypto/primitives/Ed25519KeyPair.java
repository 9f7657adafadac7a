package org.compliancebot.bridge.crypto.primitives;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 signing key (RFC 8032) with its public key.
 * Holds key material: {@link #toString()} shows only the public key.
 */
public final class Ed25519KeyPair {
    private final Ed25519PrivateKeyParameters secret;
    private final Ed25519PublicKey publicKey;

    private Ed25519KeyPair(Ed25519PrivateKeyParameters secret) {
        this.secret = secret;
        this.publicKey = Ed25519PublicKey.of(secret.generatePublicKey());
    }

    public static Ed25519KeyPair generate(SecureRandom random) {
        return new Ed25519KeyPair(new Ed25519PrivateKeyParameters(random));
    }

    /** Restores a key pair from its 32-byte seed. */
    public static Ed25519KeyPair fromSeed(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
        }
        return new Ed25519KeyPair(new Ed25519PrivateKeyParameters(seed, 0));
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** A copy of the 32-byte seed, for persistence only. */
    public byte[] seedBytes() {
        return secret.getEncoded();
    }

    /** Signs {@code msg[off, off+len)} and writes the 64-byte signature at {@code sigOff}. */
    public void sign(byte[] msg, int off, int len, byte[] sig, int sigOff) {
        secret.sign(Ed25519.Algorithm.Ed25519, null, msg, off, len, sig, sigOff);
    }

    /** Returns the 64-byte signature of all of {@code msg}. */
    public byte[] sign(byte[] msg) {
        byte[] sig = new byte[Ed25519PublicKey.SIGNATURE_LENGTH];
        sign(msg, 0, msg.length, sig, 0);
        return sig;
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair[public=" + publicKey.toBase64() + "]";
    }
}
