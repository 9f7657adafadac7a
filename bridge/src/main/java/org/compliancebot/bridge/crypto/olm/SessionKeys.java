package org.compliancebot.bridge.crypto.olm;

import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.Sha256;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/**
 * The public keys that start an Olm session: the initiator's identity key and base key and the
 * recipient's one-time key. All public; the session id is derived from them.
 */
public record SessionKeys(Curve25519PublicKey identityKey, Curve25519PublicKey baseKey,
                          Curve25519PublicKey oneTimeKey) {
    /** Unpadded base64 of SHA-256(identity key || base key || one-time key). */
    public String sessionId() {
        return UnpaddedBase64.encode(Sha256.hash(identityKey.toBytes(), baseKey.toBytes(), oneTimeKey.toBytes()));
    }
}
