package org.compliancebot.bot.evidence;

import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;

/**
 * Signs tree heads (and packet manifests) with the log's Ed25519 key. Holds the key: {@link #toString()}
 * shows only the public key.
 */
public final class TreeHeadSigner {
    private final Ed25519KeyPair key;
    private final String origin;

    public TreeHeadSigner(Ed25519KeyPair key, String origin) {
        this.key = key;
        this.origin = origin;
    }

    public TreeHead sign(long size, byte[] root, long timestamp) {
        TreeHead unsigned = new TreeHead(origin, size, root.clone(), timestamp, new byte[0], key.publicKey().toBase64());
        return new TreeHead(origin, size, root.clone(), timestamp, key.sign(unsigned.signedText()), unsigned.publicKey());
    }

    /** A detached signature over arbitrary bytes (the packet manifest). */
    public byte[] signBytes(byte[] data) {
        return key.sign(data);
    }

    public Ed25519PublicKey publicKey() {
        return key.publicKey();
    }

    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "TreeHeadSigner[" + origin + ", " + key.publicKey().toBase64() + "]";
    }
}
