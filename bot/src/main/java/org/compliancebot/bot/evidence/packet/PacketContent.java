package org.compliancebot.bot.evidence.packet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.TreeHead;

/**
 * Everything that goes into an audit packet, before it is written.
 *
 * @param scope           what was exported ({@code {"by": "incident", "value": ...}} and the like)
 * @param createdAt       ms since the epoch
 * @param records         the records in scope, ascending by sequence number
 * @param recordBytes     their stored bytes (the leaves), parallel to {@code records}
 * @param head            the signed tree head every proof leads to
 * @param inclusionProofs one audit path per record, parallel to {@code records}
 * @param consistency     proofs that {@code head} extends earlier signed heads
 * @param timestampToken  an RFC 3161 token over the head's signed text, or null
 * @param megolm          Megolm session exports, empty when not included
 * @param attachments     further documents in scope (change register ...) by file name
 */
public record PacketContent(ObjectNode scope, long createdAt, List<EvidenceRecord> records, List<byte[]> recordBytes,
                            TreeHead head, List<List<byte[]>> inclusionProofs, List<HeadProof> consistency,
                            byte[] timestampToken, List<MegolmExport> megolm, Map<String, byte[]> attachments) {
    /** A proof that the packet's head extends {@code from}. */
    public record HeadProof(TreeHead from, List<byte[]> path) {}

    public PacketContent {
        if (records.size() != recordBytes.size() || records.size() != inclusionProofs.size()) {
            throw new IllegalArgumentException("records, their bytes and their proofs must correspond");
        }
    }
}
