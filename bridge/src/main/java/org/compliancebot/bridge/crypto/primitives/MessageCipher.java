package org.compliancebot.bridge.crypto.primitives;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The authenticated encryption of Olm and Megolm version 1: AES-256-CBC with PKCS#7 padding and
 * HMAC-SHA-256 truncated to 8 bytes. The AES key, HMAC key and IV come from
 * {@code HKDF(0, key, info, 80)}, with info {@code "OLM_KEYS"} (Olm message key) or
 * {@code "MEGOLM_KEYS"} (the 128-byte Megolm ratchet value).
 *
 * <p>An instance holds derived keys for one message and is used once; it is not thread-safe.
 * {@link #toString()} shows no key material.
 */
public final class MessageCipher {
    /** Length of the truncated MAC appended to Olm and Megolm messages. */
    public static final int MAC_LENGTH = 8;
    private static final byte[] OLM_INFO = "OLM_KEYS".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MEGOLM_INFO = "MEGOLM_KEYS".getBytes(StandardCharsets.US_ASCII);

    private final byte[] aesKey;
    private final byte[] macKey;
    private final byte[] iv;

    private MessageCipher(byte[] keyMaterial, byte[] info) {
        byte[] okm = HkdfSha256.derive(null, keyMaterial, info, 80);
        this.aesKey = Arrays.copyOfRange(okm, 0, 32);
        this.macKey = Arrays.copyOfRange(okm, 32, 64);
        this.iv = Arrays.copyOfRange(okm, 64, 80);
        Arrays.fill(okm, (byte) 0);
    }

    /** Keys for an Olm message key (32 bytes). */
    public static MessageCipher olm(byte[] messageKey) {
        return new MessageCipher(messageKey, OLM_INFO);
    }

    /** Keys for a Megolm ratchet value (128 bytes). */
    public static MessageCipher megolm(byte[] ratchetValue) {
        return new MessageCipher(ratchetValue, MEGOLM_INFO);
    }

    public byte[] encrypt(byte[] plaintext) {
        return AesCbc.encrypt(aesKey, iv, plaintext);
    }

    /** Empty when the ciphertext has a bad length or padding. */
    public Optional<byte[]> decrypt(byte[] ciphertext) {
        return AesCbc.decrypt(aesKey, iv, ciphertext, 0, ciphertext.length);
    }

    /** Writes the 8-byte truncated MAC of {@code data[0, len)} at {@code data[len]}. */
    public void appendMac(byte[] data, int len) {
        byte[] full = HmacSha256.mac(macKey, data, 0, len);
        System.arraycopy(full, 0, data, len, MAC_LENGTH);
    }

    /** Constant-time check of the 8-byte MAC at {@code data[len]} over {@code data[0, len)}. */
    public boolean verifyMac(byte[] data, int len) {
        byte[] full = HmacSha256.mac(macKey, data, 0, len);
        byte[] expected = Arrays.copyOf(full, MAC_LENGTH);
        byte[] actual = Arrays.copyOfRange(data, len, len + MAC_LENGTH);
        return MessageDigest.isEqual(expected, actual);
    }

    @Override
    public String toString() {
        return "MessageCipher[keys hidden]";
    }
}
