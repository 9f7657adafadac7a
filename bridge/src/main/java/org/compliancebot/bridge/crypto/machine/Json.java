package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.KeyDecodeException;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;
import org.compliancebot.bridge.crypto.state.StateDecodeException;

/** JSON and base64 helpers shared by the machine's parts. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Parses persisted JSON; anything else is corrupt state. */
    static ObjectNode parseState(byte[] bytes) throws StateDecodeException {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new StateDecodeException("persisted crypto state is not a JSON object");
    }

    /** Parses JSON from the network or a decrypted payload; empty when it is not an object. */
    static Optional<ObjectNode> parseObject(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes) instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    static byte[] base64(JsonNode node, String field) throws StateDecodeException {
        return UnpaddedBase64.decode(text(node, field))
                .orElseThrow(() -> new StateDecodeException("persisted crypto state lacks " + field));
    }

    static String base64(byte[] bytes) {
        return UnpaddedBase64.encode(bytes);
    }

    static Optional<Curve25519PublicKey> curve(String base64) {
        try {
            return base64 == null ? Optional.empty() : Optional.of(Curve25519PublicKey.fromBase64(base64));
        } catch (KeyDecodeException e) {
            return Optional.empty();
        }
    }

    static Optional<Ed25519PublicKey> ed(String base64) {
        try {
            return base64 == null ? Optional.empty() : Optional.of(Ed25519PublicKey.fromBase64(base64));
        } catch (KeyDecodeException e) {
            return Optional.empty();
        }
    }
}
