package org.compliancebot.bridge.crypto.olm;

import org.compliancebot.bridge.crypto.primitives.HmacSha256;

/**
 * An Olm chain key C(i,j) with its index j. Advancing is {@code C(i,j+1) = HMAC(C(i,j), 0x02)};
 * the message key is {@code M(i,j) = HMAC(C(i,j), 0x01)}. Mutable; holds key material.
 */
final class ChainKey {
    private final byte[] key;
    private long index;

    ChainKey(byte[] key, long index) {
        this.key = key;
        this.index = index;
    }

    long index() {
        return index;
    }

    byte[] key() {
        return key;
    }

    byte[] messageKey() {
        byte[] mk = new byte[32];
        HmacSha256.macOfByte(key, 0, (byte) 1, mk, 0);
        return mk;
    }

    void advance() {
        HmacSha256.macOfByte(key, 0, (byte) 2, key, 0);
        index++;
    }

    ChainKey copy() {
        return new ChainKey(key.clone(), index);
    }

    @Override
    public String toString() {
        return "ChainKey[index=" + index + "]";
    }
}
