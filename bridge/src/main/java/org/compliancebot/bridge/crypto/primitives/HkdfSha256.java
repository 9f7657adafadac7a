package org.compliancebot.bridge.crypto.primitives;

import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF-SHA-256 (RFC 5869) on Bouncy Castle over the JDK's SHA-256. Thread-safe. */
public final class HkdfSha256 {
    private static final ThreadLocal<HKDFBytesGenerator> HKDF =
            ThreadLocal.withInitial(() -> new HKDFBytesGenerator(new JdkSha256Digest()));

    private HkdfSha256() {}

    /**
     * Derives {@code length} bytes. A null or empty salt means the RFC's default salt
     * (32 zero bytes), which gives the same result.
     */
    public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
        HKDFBytesGenerator gen = HKDF.get();
        gen.init(new HKDFParameters(ikm, salt == null || salt.length == 0 ? null : salt, info));
        byte[] out = new byte[length];
        gen.generateBytes(out, 0, length);
        return out;
    }
}
