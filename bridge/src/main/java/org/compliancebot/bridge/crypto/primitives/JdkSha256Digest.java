package org.compliancebot.bridge.crypto.primitives;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.ExtendedDigest;

/**
 * A Bouncy Castle {@link ExtendedDigest} backed by the JDK's SHA-256, so that BC's HMAC and HKDF
 * constructions run on the JDK's hardware-accelerated compression function.
 * Not thread-safe, like every BC digest.
 */
final class JdkSha256Digest implements ExtendedDigest {
    private final MessageDigest md;

    JdkSha256Digest() {
        this.md = newSha256();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    @Override public String getAlgorithmName() { return "SHA-256"; }
    @Override public int getDigestSize() { return 32; }
    @Override public int getByteLength() { return 64; }
    @Override public void update(byte in) { md.update(in); }
    @Override public void update(byte[] in, int inOff, int len) { md.update(in, inOff, len); }
    @Override public void reset() { md.reset(); }

    @Override
    public int doFinal(byte[] out, int outOff) {
        try {
            return md.digest(out, outOff, 32);
        } catch (DigestException e) {
            throw new IllegalArgumentException("output buffer too small for SHA-256", e);
        }
    }
}
