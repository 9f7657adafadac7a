package org.compliancebot.bridge.crypto.primitives;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A Curve25519 secret key with its public key, for X25519 Diffie-Hellman.
 * Holds key material: {@link #toString()} shows only the public key.
 */
public final class Curve25519KeyPair {
    private final byte[] secret;
    private final Curve25519PublicKey publicKey;

    private Curve25519KeyPair(byte[] secret) {
        this.secret = secret;
        byte[] pub = new byte[32];
        X25519.scalarMultBase(secret, 0, pub, 0);
        this.publicKey = Curve25519PublicKey.wrap(pub);
    }

    /** A fresh key pair from the given random source. */
    public static Curve25519KeyPair generate(SecureRandom random) {
        byte[] secret = new byte[32];
        X25519.generatePrivateKey(random, secret);
        return new Curve25519KeyPair(secret);
    }

    /** Restores a key pair from its 32 secret bytes (copied). */
    public static Curve25519KeyPair fromSecret(byte[] secret) {
        if (secret.length != 32) {
            throw new IllegalArgumentException("a Curve25519 secret key is 32 bytes");
        }
        return new Curve25519KeyPair(secret.clone());
    }

    public Curve25519PublicKey publicKey() {
        return publicKey;
    }

    /** A copy of the secret bytes, for persistence only. */
    public byte[] secretBytes() {
        return secret.clone();
    }

    /**
     * X25519 with the other side's public key. Throws when the result is all zeros (a low-order
     * point), which a protocol must refuse rather than derive keys from.
     */
    public byte[] diffieHellman(Curve25519PublicKey theirs) throws KeyAgreementException {
        byte[] shared = new byte[32];
        if (!X25519.calculateAgreement(secret, 0, theirs.raw(), 0, shared, 0)) {
            throw new KeyAgreementException();
        }
        return shared;
    }

    @Override
    public String toString() {
        return "Curve25519KeyPair[public=" + publicKey.toBase64() + "]";
    }

    /** The other side's key is a low-order point, so the agreement carries no secret. */
    public static final class KeyAgreementException extends Exception {
        public KeyAgreementException() {
            super("the remote Curve25519 key is a low-order point; refuse it", null, false, false);
        }
    }
}
