package org.compliancebot.bot.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.packet.MegolmExport;
import org.compliancebot.bot.evidence.packet.PacketFiles;
import org.compliancebot.bridge.crypto.megolm.DecryptedGroupMessage;
import org.compliancebot.bridge.crypto.megolm.ExportedSessionKey;
import org.compliancebot.bridge.crypto.megolm.InboundGroupSession;
import org.compliancebot.bridge.crypto.megolm.MegolmDecodeException;
import org.compliancebot.bridge.crypto.megolm.MegolmDecryptException;
import org.compliancebot.bridge.crypto.megolm.MegolmMessage;
import org.compliancebot.bridge.crypto.megolm.SessionKeyDecodeException;

/**
 * When Megolm sessions are included: each encrypted record of a included session decrypts (which checks the
 * Megolm signature with the session's Ed25519 key and the MAC), is addressed to the record's room, and, when
 * the record carries a cleartext, the cleartext is exactly what was decrypted.
 */
final class MegolmCheck implements Check {
    private static final String ALGORITHM = "m.megolm.v1.aes-sha2";

    @Override
    public String name() {
        return "Megolm ciphertexts";
    }

    @Override
    public String run(VerifyContext ctx) throws CheckFailure {
        if (ctx.packet.file(PacketFiles.MEGOLM).isEmpty()) {
            return "no session keys included";
        }
        Map<String, MegolmExport> sessions = new HashMap<>();
        JsonNode list = ctx.json(PacketFiles.MEGOLM).path("sessions");
        int n = 0;
        for (JsonNode s : list) {
            n++;
            try {
                MegolmExport e = MegolmExport.fromJson(s);
                sessions.put(e.roomId() + "|" + e.sessionId(), e);
            } catch (IllegalArgumentException e) {
                throw new CheckFailure(PacketFiles.MEGOLM + " session " + n, e.getMessage());
            }
        }
        int decrypted = 0;
        for (EvidenceRecord r : ctx.records) {
            JsonNode c = r.content();
            if (!r.isEncrypted() || !ALGORITHM.equals(c.path("algorithm").asText())) {
                continue;
            }
            MegolmExport export = sessions.get(r.roomId() + "|" + c.path("session_id").asText());
            if (export == null) {
                continue;
            }
            // The record itself passed its inclusion proof: a mismatch here is between it and the included session.
            String where = PacketFiles.MEGOLM + " session " + export.sessionId() + " / " + PacketFiles.RECORDS + " record "
                    + r.seq() + " (" + r.eventId() + ")";
            if (c.hasNonNull("sender_key") && !c.get("sender_key").asText().equals(export.senderKey())) {
                throw new CheckFailure(where, "was sent with another device key than the included session's");
            }
            InboundGroupSession session;
            try {
                ExportedSessionKey key = ExportedSessionKey.fromBase64(export.sessionKey());
                if (!key.sessionId().equals(export.sessionId())) {
                    throw new CheckFailure(PacketFiles.MEGOLM + " session " + export.sessionId(), "the key is of another session");
                }
                session = InboundGroupSession.importSession(key);
            } catch (SessionKeyDecodeException e) {
                throw new CheckFailure(PacketFiles.MEGOLM + " session " + export.sessionId(), "the session key cannot be read: " + e.getMessage());
            }
            DecryptedGroupMessage plain;
            try {
                plain = session.decrypt(MegolmMessage.fromBase64(c.path("ciphertext").asText()));
            } catch (MegolmDecodeException | MegolmDecryptException e) {
                throw new CheckFailure(where, "the ciphertext does not decrypt with the included session (" + e.getMessage()
                        + "): the Megolm signature, MAC or index does not hold");
            }
            JsonNode payload;
            try {
                payload = ctx.mapper.readTree(plain.plaintext());
            } catch (IOException e) {
                throw new CheckFailure(where, "the decrypted payload is not JSON");
            }
            if (!r.roomId().equals(payload.path("room_id").asText())) {
                throw new CheckFailure(where, "the ciphertext was encrypted for another room");
            }
            if (r.decrypted() != null && (!r.decrypted().path("type").equals(payload.path("type"))
                    || !r.decrypted().path("content").equals(payload.path("content")))) {
                throw new CheckFailure(where, "the recorded cleartext differs from the decrypted ciphertext");
            }
            decrypted++;
        }
        return decrypted + " ciphertexts decrypt to their records with " + n + " included session(s)";
    }
}
