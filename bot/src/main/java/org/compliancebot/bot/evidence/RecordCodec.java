package org.compliancebot.bot.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import org.compliancebot.bridge.crypto.json.CanonicalJson;

/**
 * The bytes of a record in the log: the canonical JSON of {@link EvidenceRecord#toJson()}. The same bytes
 * are one line of {@code records.jsonl} in a packet, and their RFC 9162 leaf hash is the tree's leaf.
 */
public final class RecordCodec {
    private static final ObjectMapper LINKS_READER = new ObjectMapper();

    private RecordCodec() {}

    public static byte[] encode(EvidenceRecord record) {
        return CanonicalJson.encode(record.toJson());
    }

    /**
     * True when {@code b[from, to)} is exactly how a record writes its {@code links}: parsing them and writing
     * them again gives the same bytes.
     */
    public static boolean isLinksAsWritten(byte[] b, int from, int to) {
        try {
            JsonNode n = LINKS_READER.readTree(b, from, to - from);
            if (n == null || !n.isObject()) {
                return false;
            }
            byte[] written = CanonicalJson.encode(EvidenceLinks.fromJson(n).toJson());
            return Arrays.equals(written, 0, written.length, b, from, to);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public static byte[] leafHash(EvidenceRecord record) {
        return MerkleHashing.leafHash(encode(record));
    }
}
