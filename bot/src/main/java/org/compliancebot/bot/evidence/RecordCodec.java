package org.compliancebot.bot.evidence;

import org.compliancebot.bridge.crypto.json.CanonicalJson;

/**
 * The bytes of a record in the log: the canonical JSON of {@link EvidenceRecord#toJson()}. The same bytes
 * are one line of {@code records.jsonl} in a packet, and their RFC 9162 leaf hash is the tree's leaf.
 */
public final class RecordCodec {
    private RecordCodec() {}

    public static byte[] encode(EvidenceRecord record) {
        return CanonicalJson.encode(record.toJson());
    }

    public static byte[] leafHash(EvidenceRecord record) {
        return MerkleHashing.leafHash(encode(record));
    }
}
