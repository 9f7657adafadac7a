package org.compliancebot.bridge.crypto.primitives;

import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** HMAC-SHA-256 (RFC 2104) on Bouncy Castle's HMAC over the JDK's SHA-256. Thread-safe. */
public final class HmacSha256 {
    private static final ThreadLocal<HMac> MAC = ThreadLocal.withInitial(() -> new HMac(new JdkSha256Digest()));

    private HmacSha256() {}

    /** Returns the 32-byte MAC of {@code data[off, off+len)} under {@code key}. */
    public static byte[] mac(byte[] key, byte[] data, int off, int len) {
        byte[] out = new byte[32];
        mac(key, data, off, len, out);
        return out;
    }

    /** Returns the 32-byte MAC of all of {@code data} under {@code key}. */
    public static byte[] mac(byte[] key, byte[] data) {
        return mac(key, data, 0, data.length);
    }

    /** Writes the 32-byte MAC into {@code out} (which may alias {@code key}). */
    public static void mac(byte[] key, byte[] data, int off, int len, byte[] out) {
        HMac hmac = MAC.get();
        hmac.init(new KeyParameter(key));
        hmac.update(data, off, len);
        hmac.doFinal(out, 0);
    }

    /** MAC of a single byte, as the Olm and Megolm ratchets use: {@code HMAC(key, b)} into {@code out}. */
    public static void macOfByte(byte[] key, int keyOff, byte b, byte[] out, int outOff) {
        HMac hmac = MAC.get();
        hmac.init(new KeyParameter(key, keyOff, 32));
        hmac.update(b);
        hmac.doFinal(out, outOff);
    }
}
