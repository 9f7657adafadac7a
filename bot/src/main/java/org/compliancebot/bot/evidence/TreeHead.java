package org.compliancebot.bot.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.KeyDecodeException;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/**
 * A signed tree head: the log's size and root at a time, signed with the log's Ed25519 key. The signed
 * bytes are the text {@link #signedText()}:
 * <pre>
 * compliance-bot evidence log v1
 * &lt;origin&gt;
 * &lt;size&gt;
 * &lt;root, standard base64&gt;
 * &lt;timestamp, ms since the epoch&gt;
 * </pre>
 * each line ending in a newline, so anyone can re-create and check them with any Ed25519 tool.
 *
 * @param origin    names the log (the bot's user id)
 * @param signature 64-byte Ed25519 signature; empty before signing
 * @param publicKey the key that signed, base64
 */
public record TreeHead(String origin, long size, byte[] root, long timestamp, byte[] signature, String publicKey) {
    public static final String HEADER = "compliance-bot evidence log v1";

    /** The exact bytes the signature covers. */
    public byte[] signedText() {
        return (HEADER + "\n" + origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n"
                + timestamp + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** True when the signature verifies with {@code key}, and {@code key} is the one named in the head. */
    public boolean verify(Ed25519PublicKey key) {
        return signature != null && key.toBase64().equals(publicKey) && key.verify(signedText(), signature);
    }

    /** Verifies against the key named in the head itself (the caller must still decide to trust that key). */
    public boolean verifySelf() {
        try {
            return verify(Ed25519PublicKey.fromBase64(publicKey));
        } catch (KeyDecodeException e) {
            return false;
        }
    }

    public boolean sameTree(TreeHead other) {
        return size == other.size && MessageDigest.isEqual(root, other.root);
    }

    public String rootBase64() {
        return Base64.getEncoder().encodeToString(root);
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("origin", origin);
        o.put("size", size);
        o.put("root", rootBase64());
        o.put("timestamp", timestamp);
        o.put("signature", Base64.getEncoder().encodeToString(signature));
        o.put("public_key", publicKey);
        return o;
    }

    public static TreeHead fromJson(JsonNode o) {
        if (!o.path("origin").isTextual() || !o.path("size").canConvertToLong() || !o.path("root").isTextual()
                || !o.path("timestamp").canConvertToLong() || !o.path("signature").isTextual()
                || !o.path("public_key").isTextual()) {
            throw new IllegalArgumentException("a tree head needs origin, size, root, timestamp, signature and public_key");
        }
        byte[] root = UnpaddedBase64.decode(o.get("root").asText())
                .orElseThrow(() -> new IllegalArgumentException("the tree head's root is not base64"));
        byte[] sig = UnpaddedBase64.decode(o.get("signature").asText())
                .orElseThrow(() -> new IllegalArgumentException("the tree head's signature is not base64"));
        if (root.length != MerkleHashing.HASH_LENGTH) {
            throw new IllegalArgumentException("the tree head's root is not 32 bytes");
        }
        return new TreeHead(o.get("origin").asText(), o.get("size").asLong(), root, o.get("timestamp").asLong(), sig,
                o.get("public_key").asText());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeHead t && t.origin.equals(origin) && t.size == size && MessageDigest.isEqual(t.root, root)
                && t.timestamp == timestamp && MessageDigest.isEqual(t.signature, signature) && t.publicKey.equals(publicKey);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + Long.hashCode(timestamp);
    }

    @Override
    public String toString() {
        return "TreeHead[" + origin + " size=" + size + " root=" + rootBase64() + " at " + timestamp + "]";
    }
}
