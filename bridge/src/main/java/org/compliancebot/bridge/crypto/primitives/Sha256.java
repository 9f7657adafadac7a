package org.compliancebot.bridge.crypto.primitives;

import java.security.MessageDigest;

/** SHA-256 on the JDK's implementation (it has hardware intrinsics). Thread-safe. */
public final class Sha256 {
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(JdkSha256Digest::newSha256);

    private Sha256() {}

    /** Hashes the concatenation of the given parts. */
    public static byte[] hash(byte[]... parts) {
        MessageDigest md = DIGEST.get();
        md.reset();
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }
}
