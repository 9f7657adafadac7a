package org.compliancebot.bridge.crypto.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/**
 * Signing and checking JSON objects (spec appendix "Signing JSON"): the signature covers the
 * canonical JSON of the object without {@code signatures} and {@code unsigned}, and is stored at
 * {@code signatures.<entity>.<algorithm:key id>} as unpadded base64. Stateless and thread-safe.
 */
public final class JsonSigning {
    private JsonSigning() {}

    /** Something that signs bytes with Ed25519, such as {@code Account::sign}. */
    @FunctionalInterface
    public interface Signer {
        byte[] sign(byte[] message);
    }

    /** The bytes a signature covers. */
    public static byte[] signedBytes(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove("signatures");
        copy.remove("unsigned");
        return CanonicalJson.encode(copy);
    }

    /**
     * Returns a copy of {@code object} with the signature of {@code entity} under
     * {@code keyId} (e.g. {@code "ed25519:DEVICEID"}) added; other signatures are kept.
     */
    public static ObjectNode sign(ObjectNode object, String entity, String keyId, Signer signer) {
        byte[] signature = signer.sign(signedBytes(object));
        ObjectNode result = object.deepCopy();
        JsonNode existing = result.get("signatures");
        ObjectNode signatures = existing instanceof ObjectNode o ? o : result.putObject("signatures");
        JsonNode forEntity = signatures.get(entity);
        ObjectNode entry = forEntity instanceof ObjectNode o ? o : signatures.putObject(entity);
        entry.put(keyId, UnpaddedBase64.encode(signature));
        return result;
    }

    /** The base64 signature at {@code signatures.<entity>.<keyId>}, if any. */
    public static Optional<String> signature(JsonNode object, String entity, String keyId) {
        JsonNode sig = object.path("signatures").path(entity).path(keyId);
        return sig.isTextual() ? Optional.of(sig.textValue()) : Optional.empty();
    }

    /**
     * True when {@code object} carries a valid signature by {@code entity} under {@code keyId} made
     * with {@code key}. False when it is missing, not base64, or does not verify.
     */
    public static boolean verify(ObjectNode object, String entity, String keyId, Ed25519PublicKey key) {
        Optional<byte[]> sig = signature(object, entity, keyId).flatMap(UnpaddedBase64::decode);
        if (sig.isEmpty()) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = signedBytes(object);
        } catch (CanonicalJson.NotCanonicalException e) {
            return false;
        }
        return key.verify(bytes, sig.get());
    }
}
