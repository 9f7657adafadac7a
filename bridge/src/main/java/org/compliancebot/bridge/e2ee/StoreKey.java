package org.compliancebot.bridge.e2ee;

import java.util.Arrays;
import java.util.Base64;

/**
 * The 32-byte key that encrypts the crypto store at rest (AES-256-GCM). Its text form is the
 * standard base64 of 32 random bytes, e.g. from {@code openssl rand -base64 32}. Losing it loses the
 * bot's device; keep it with the database backup, but apart from it. {@link #toString()} hides it.
 */
public final class StoreKey {
    private final byte[] key;

    private StoreKey(byte[] key) {
        this.key = key;
    }

    /** Parses base64 of exactly 32 bytes; the message names the problem, never the value. */
    public static StoreKey parse(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the crypto store key is not base64; generate one with: openssl rand -base64 32");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("the crypto store key must be 32 bytes (base64 of 32 random bytes), got "
                    + raw.length + " bytes; generate one with: openssl rand -base64 32");
        }
        return new StoreKey(raw);
    }

    public static StoreKey of(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("the crypto store key must be 32 bytes");
        }
        return new StoreKey(raw.clone());
    }

    byte[] bytes() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreKey other && java.security.MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "StoreKey[hidden]";
    }
}
