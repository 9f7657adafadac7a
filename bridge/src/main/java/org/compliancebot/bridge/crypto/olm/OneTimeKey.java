package org.compliancebot.bridge.crypto.olm;

import org.compliancebot.bridge.crypto.primitives.Curve25519KeyPair;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/** A one-time or fallback key held by an {@link Account}, with its key id. Holds a secret key. */
final class OneTimeKey {
    final long id;
    final Curve25519KeyPair pair;
    boolean published;

    OneTimeKey(long id, Curve25519KeyPair pair, boolean published) {
        this.id = id;
        this.pair = pair;
        this.published = published;
    }

    /** The key id used after {@code signed_curve25519:}: unpadded base64 of the 32-bit counter. */
    String keyId() {
        return UnpaddedBase64.encode(new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
    }

    @Override
    public String toString() {
        return "OneTimeKey[" + keyId() + "]";
    }
}
