package org.compliancebot.bridge.crypto.olm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.KeyDecodeException;
import org.compliancebot.bridge.id.UserId;

/**
 * The decrypted plaintext of an {@code m.olm.v1.curve25519-aes-sha2} to-device event, checked as
 * the spec requires: {@code sender} is the event's sender, {@code recipient} is us,
 * {@code recipient_keys.ed25519} is our device's key, and {@code keys.ed25519} is the sending
 * device's key (when the caller knows it from the device list).
 *
 * @param type the inner event type, e.g. {@code m.room_key}
 * @param content the inner event content
 * @param senderEd25519 the sender device's Ed25519 key as the payload claims it
 * @param senderDeviceKeys {@code sender_device_keys} when present (unverified; check its signatures)
 */
public record OlmPayload(String type, ObjectNode content, UserId sender, Ed25519PublicKey senderEd25519,
                         Optional<ObjectNode> senderDeviceKeys) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Parses and checks a payload.
     *
     * @param eventSender the {@code sender} of the to-device event (set by the server)
     * @param ourUser our user id
     * @param ourEd25519 our device's Ed25519 key
     * @param knownSenderEd25519 the sending device's Ed25519 key from the device list, or null when
     *     the device is not known yet (then the caller must check {@link #senderEd25519()} later)
     */
    public static OlmPayload parse(byte[] plaintext, UserId eventSender, UserId ourUser, Ed25519PublicKey ourEd25519,
                                   Ed25519PublicKey knownSenderEd25519) throws OlmPayloadException {
        JsonNode root;
        try {
            root = JSON.readTree(plaintext);
        } catch (java.io.IOException | RuntimeException e) {
            throw new OlmPayloadException.Malformed("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new OlmPayloadException.Malformed("not a JSON object");
        }
        String type = text(root, "type");
        if (!(root.get("content") instanceof ObjectNode content)) {
            throw new OlmPayloadException.Malformed("content must be an object");
        }
        if (!text(root, "sender").equals(eventSender.value())) {
            throw new OlmPayloadException.WrongSender();
        }
        if (!text(root, "recipient").equals(ourUser.value())) {
            throw new OlmPayloadException.WrongRecipient();
        }
        String recipientKey = text(root.path("recipient_keys"), "ed25519");
        if (!recipientKey.equals(ourEd25519.toBase64())) {
            throw new OlmPayloadException.WrongRecipientKey();
        }
        Ed25519PublicKey senderKey;
        try {
            senderKey = Ed25519PublicKey.fromBase64(text(root.path("keys"), "ed25519"));
        } catch (KeyDecodeException e) {
            throw new OlmPayloadException.Malformed("keys.ed25519 is not an Ed25519 key");
        }
        if (knownSenderEd25519 != null && !knownSenderEd25519.equals(senderKey)) {
            throw new OlmPayloadException.WrongSenderKey();
        }
        Optional<ObjectNode> deviceKeys = root.get("sender_device_keys") instanceof ObjectNode o
                ? Optional.of(o) : Optional.empty();
        return new OlmPayload(type, content, eventSender, senderKey, deviceKeys);
    }

    private static String text(JsonNode node, String field) throws OlmPayloadException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new OlmPayloadException.Malformed(field + " must be a string");
        }
        return v.textValue();
    }

    /** Builds the plaintext JSON for sending {@code type}/{@code content} to one device. */
    public static byte[] build(String type, ObjectNode content, UserId sender, Ed25519PublicKey senderEd25519,
                               UserId recipient, Ed25519PublicKey recipientEd25519) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", type);
        root.set("content", content);
        root.put("sender", sender.value());
        root.put("recipient", recipient.value());
        root.putObject("recipient_keys").put("ed25519", recipientEd25519.toBase64());
        root.putObject("keys").put("ed25519", senderEd25519.toBase64());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JacksonException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }
}
