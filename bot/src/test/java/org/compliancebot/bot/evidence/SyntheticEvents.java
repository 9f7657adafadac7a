package org.compliancebot.bot.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.compliancebot.bridge.crypto.megolm.ExportedSessionKey;
import org.compliancebot.bridge.crypto.megolm.InboundGroupSession;
import org.compliancebot.bridge.crypto.megolm.MegolmDecryptException;
import org.compliancebot.bridge.crypto.megolm.OutboundGroupSession;

/**
 * Federation-format events of a version 11 room with correct content hashes and hash-based ids (unsigned:
 * nothing here checks server signatures), and Megolm-encrypted messages from a session made in the test.
 */
public final class SyntheticEvents {
    public static final String VERSION = "11";
    private final ObjectMapper mapper = new ObjectMapper();
    private final String roomId;
    private final OutboundGroupSession outbound = OutboundGroupSession.create(new SecureRandom());
    private final InboundGroupSession inbound;
    private final String senderKey = Base64.getEncoder().withoutPadding().encodeToString(new byte[32]);
    private long ts = 1_760_000_000_000L;
    private int depth = 1;

    public SyntheticEvents(String roomId) {
        this.roomId = roomId;
        this.inbound = InboundGroupSession.create(outbound.sessionKey());
    }

    public ObjectNode event(String type, String sender, ObjectNode content) {
        ObjectNode e = mapper.createObjectNode();
        e.put("type", type).put("room_id", roomId).put("sender", sender).put("origin_server_ts", ts += 1000).put("depth", depth++);
        e.set("content", content);
        e.putArray("auth_events");
        e.putArray("prev_events");
        e.putObject("hashes").put("sha256", Base64.getEncoder().withoutPadding().encodeToString(EventHashes.contentHash(e, VERSION)));
        e.putObject("signatures");
        e.put("event_id", EventHashes.eventId(e, VERSION));
        e.putObject("unsigned");
        return e;
    }

    public ObjectNode text(String sender, String body) {
        return event("m.room.message", sender, mapper.createObjectNode().put("msgtype", "m.text").put("body", body));
    }

    /** An encrypted message; returns the event and its cleartext as the bot would have decrypted it. */
    public Encrypted encrypted(String sender, String body) {
        return encrypted(sender, mapper.createObjectNode().put("msgtype", "m.text").put("body", body), null);
    }

    public record Encrypted(ObjectNode event, EventDecryptor.Cleartext cleartext) {}

    /**
     * An encrypted edit as clients that send the relation only in the clear part write it: the plaintext has no
     * {@code m.relates_to}, the event's content has it beside the ciphertext. The cleartext is the plaintext.
     */
    public Encrypted encryptedEditClearRelation(String sender, String target, String newBody) {
        ObjectNode inner = mapper.createObjectNode().put("msgtype", "m.text").put("body", "* " + newBody);
        inner.putObject("m.new_content").put("msgtype", "m.text").put("body", newBody);
        ObjectNode relation = mapper.createObjectNode().put("rel_type", "m.replace").put("event_id", target);
        return encrypted(sender, inner, relation);
    }

    /** Encrypts {@code m.room.message} with {@code inner} as content; {@code clearRelation} goes beside the ciphertext. */
    private Encrypted encrypted(String sender, ObjectNode inner, ObjectNode clearRelation) {
        ObjectNode payload = mapper.createObjectNode();
        payload.put("type", "m.room.message");
        payload.set("content", inner);
        payload.put("room_id", roomId);
        String ciphertext = outbound.encrypt(payload.toString().getBytes(StandardCharsets.UTF_8)).toBase64();
        ObjectNode content = mapper.createObjectNode().put("algorithm", "m.megolm.v1.aes-sha2").put("sender_key", senderKey)
                .put("session_id", outbound.sessionId()).put("ciphertext", ciphertext).put("device_id", "ALICEDEVICE");
        if (clearRelation != null) {
            content.set("m.relates_to", clearRelation);
        }
        ObjectNode event = event("m.room.encrypted", sender, content);
        ObjectNode clear = mapper.createObjectNode();
        clear.put("type", "m.room.message");
        clear.set("content", payload.get("content"));
        return new Encrypted(event, new EventDecryptor.Cleartext(clear, "ALICEDEVICE", SenderTrust.CROSS_SIGNED));
    }

    public ObjectNode redaction(String sender, String target) {
        return event("m.room.redaction", sender, mapper.createObjectNode().put("redacts", target));
    }

    public ObjectNode edit(String sender, String target, String newBody) {
        ObjectNode c = mapper.createObjectNode().put("msgtype", "m.text").put("body", "* " + newBody);
        c.putObject("m.new_content").put("msgtype", "m.text").put("body", newBody);
        c.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", target);
        return event("m.room.message", sender, c);
    }

    public String roomId() {
        return roomId;
    }

    /** The bot's crypto store stand-in: exports the test's session at the asked index. */
    public SessionExportSource sessions() {
        return (room, key, sessionId, index) -> {
            if (!sessionId.equals(outbound.sessionId())) {
                return Optional.empty();
            }
            try {
                ExportedSessionKey k = inbound.exportAt(index);
                return Optional.of(k);
            } catch (MegolmDecryptException e) {
                return Optional.empty();
            }
        };
    }
}
