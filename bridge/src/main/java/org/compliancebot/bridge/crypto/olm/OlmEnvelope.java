package org.compliancebot.bridge.crypto.olm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.KeyDecodeException;

/**
 * The content of an {@code m.room.encrypted} to-device event with algorithm
 * {@code m.olm.v1.curve25519-aes-sha2}: the sender's Curve25519 identity key and one ciphertext
 * per recipient device, keyed by that device's Curve25519 identity key (base64).
 */
public record OlmEnvelope(Curve25519PublicKey senderKey, Map<String, Ciphertext> ciphertext) {
    public static final String ALGORITHM = "m.olm.v1.curve25519-aes-sha2";

    public OlmEnvelope {
        ciphertext = Map.copyOf(ciphertext);
    }

    /** One entry of the {@code ciphertext} map: type 0 (pre-key) or 1 (normal) and the base64 body. */
    public record Ciphertext(int type, String body) {
        public static Ciphertext of(AnyOlmMessage message) {
            return new Ciphertext(message.type(), message.toBase64());
        }

        /** Decodes the body as the Olm message its type names. */
        public AnyOlmMessage decode() throws OlmDecodeException {
            return AnyOlmMessage.fromEnvelope(type, body);
        }
    }

    /** The entry addressed to the device with {@code ourIdentityKey}, if any. */
    public Optional<Ciphertext> forDevice(Curve25519PublicKey ourIdentityKey) {
        return Optional.ofNullable(ciphertext.get(ourIdentityKey.toBase64()));
    }

    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("algorithm", ALGORITHM);
        root.put("sender_key", senderKey.toBase64());
        ObjectNode map = root.putObject("ciphertext");
        ciphertext.forEach((k, v) -> map.putObject(k).put("type", v.type()).put("body", v.body()));
        return root;
    }

    /** Parses event content; entries with a malformed shape make the whole envelope malformed. */
    public static OlmEnvelope fromJson(JsonNode content) throws OlmPayloadException {
        if (content == null || !ALGORITHM.equals(content.path("algorithm").textValue())) {
            throw new OlmPayloadException.Malformed("algorithm must be " + ALGORITHM);
        }
        Curve25519PublicKey sender;
        try {
            sender = Curve25519PublicKey.fromBase64(content.path("sender_key").textValue());
        } catch (KeyDecodeException e) {
            throw new OlmPayloadException.Malformed("sender_key is not a Curve25519 key");
        }
        JsonNode map = content.get("ciphertext");
        if (map == null || !map.isObject()) {
            throw new OlmPayloadException.Malformed("ciphertext must be an object");
        }
        Map<String, Ciphertext> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode type = e.getValue().get("type");
            JsonNode body = e.getValue().get("body");
            if (type == null || !type.canConvertToInt() || !type.isIntegralNumber() || body == null || !body.isTextual()) {
                throw new OlmPayloadException.Malformed("each ciphertext entry needs an integer type and a string body");
            }
            entries.put(e.getKey(), new Ciphertext(type.intValue(), body.textValue()));
        }
        return new OlmEnvelope(sender, entries);
    }
}
