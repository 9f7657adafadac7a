package org.compliancebot.bot.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashing rules of RFC 9162 section 2.1.1: a leaf hash is SHA-256(0x00 || data), an interior node
 * hash is SHA-256(0x01 || left || right), and the empty tree hashes to SHA-256 of nothing. SHA-256 is
 * the JDK's (hardware intrinsics). Thread-safe.
 */
public final class MerkleHashing {
    public static final int HASH_LENGTH = 32;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(MerkleHashing::newDigest);

    private MerkleHashing() {}

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public static byte[] emptyRoot() {
        MessageDigest md = SHA256.get();
        md.reset();
        return md.digest();
    }

    public static byte[] leafHash(byte[] data) {
        return leafHash(data, 0, data.length);
    }

    public static byte[] leafHash(byte[] data, int off, int len) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update((byte) 0x00);
        md.update(data, off, len);
        return md.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update((byte) 0x01);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** Plain SHA-256, for file digests and event hashes. */
    public static byte[] sha256(byte[] data) {
        MessageDigest md = SHA256.get();
        md.reset();
        return md.digest(data);
    }
}
