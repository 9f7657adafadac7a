package org.compliancebot.bot.evidence.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.compliancebot.bot.evidence.EventDecryptor;
import org.compliancebot.bot.evidence.SenderTrust;
import org.compliancebot.bridge.event.EncryptionInfo;
import org.compliancebot.bridge.event.RoomEvent;

/**
 * The cleartext of an event that sync decrypted, kept in the capture queue until the record is written:
 * {@code /messages} returns the event encrypted, and only sync decrypted it. The stored form is
 * {@code {payload: {type, content}, sender_device, trust}}; it holds message text, no keys.
 */
final class SyncCleartext {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SyncCleartext() {}

    /**
     * The cleartext of a decrypted event, or empty when the event was not end-to-end encrypted. It is the
     * plaintext exactly: a relation the decryption copied from the event's clear part is left out.
     */
    static Optional<EventDecryptor.Cleartext> of(RoomEvent e) {
        EncryptionInfo info = e.encryption();
        if (info == null) {
            return Optional.empty();
        }
        ObjectNode payload = MAPPER.createObjectNode();
        payload.put("type", e.type());
        ObjectNode content = e.content().deepCopy();
        if (info.relationCopied()) {
            content.remove("m.relates_to");
        }
        payload.set("content", content);
        return Optional.of(new EventDecryptor.Cleartext(payload, info.senderDevice().map(d -> d.value()).orElse(null), trust(info)));
    }

    /**
     * A cross-signed device counts only when the room key came from it over Olm; the bot does not verify
     * other users' identities, so {@link SenderTrust#VERIFIED} is never claimed here.
     */
    static SenderTrust trust(EncryptionInfo info) {
        return info.isTrusted() ? SenderTrust.CROSS_SIGNED : SenderTrust.UNSIGNED;
    }

    static String toJson(EventDecryptor.Cleartext clear) {
        ObjectNode o = MAPPER.createObjectNode();
        o.set("payload", clear.payload());
        o.put("sender_device", clear.senderDevice());
        o.put("trust", clear.trust().wire());
        return o.toString();
    }

    /** Parses what {@link #toJson} wrote; empty for null or a damaged row. */
    static Optional<EventDecryptor.Cleartext> fromJson(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            JsonNode o = MAPPER.readTree(json);
            if (!(o.path("payload") instanceof ObjectNode payload)) {
                return Optional.empty();
            }
            return Optional.of(new EventDecryptor.Cleartext(payload, o.path("sender_device").asText(null),
                    SenderTrust.fromWire(o.path("trust").asText(SenderTrust.UNKNOWN.wire()))));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
