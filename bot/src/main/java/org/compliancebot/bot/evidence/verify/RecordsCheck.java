package org.compliancebot.bot.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.MerkleHashing;
import org.compliancebot.bot.evidence.MerkleProofs;
import org.compliancebot.bot.evidence.ProofException;
import org.compliancebot.bot.evidence.RecordCodec;
import org.compliancebot.bot.evidence.packet.PacketFiles;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/**
 * Each line of records.jsonl hashes to the leaf its proof names, and the proof leads to the signed root; the
 * records are in canonical form, in ascending order, one per proof, as many as the manifest says.
 */
final class RecordsCheck implements Check {
    @Override
    public String name() {
        return "records and inclusion proofs";
    }

    @Override
    public String run(VerifyContext ctx) throws CheckFailure {
        byte[] recordBytes = ctx.packet.require(PacketFiles.RECORDS);
        byte[] proofBytes = ctx.packet.require(PacketFiles.PROOFS);
        long declared = ctx.json(PacketFiles.MANIFEST).path("record_count").asLong(-1);
        RecordLines fast = RecordLines.check(recordBytes, proofBytes, ctx.head.size());
        if (fast.allOk && fast.seqs.length == declared && provesAll(ctx, fast)) {
            // Later checks read the events' outcomes and the encrypted records only; the others are not kept, which
            // spares the memory (and the collector's time) of a large packet's parsed events.
            for (EvidenceRecord r : fast.records) {
                if (r != null) {
                    ctx.records.add(r);
                }
            }
            ctx.eventOutcomes = fast.eventOutcomes;
            return fast.seqs.length + " records are leaves of the signed tree";
        }
        // Something failed: the checks again, one after the other, to name the first broken item.
        List<byte[]> records = VerifyContext.lines(PacketFiles.RECORDS, recordBytes);
        List<byte[]> proofs = VerifyContext.lines(PacketFiles.PROOFS, proofBytes);
        if (records.size() != declared) {
            throw new CheckFailure(PacketFiles.RECORDS, "holds " + records.size() + " records, the signed manifest says " + declared
                    + (records.size() < declared ? ": a record was removed" : ": a record was added"));
        }
        if (proofs.size() != records.size()) {
            throw new CheckFailure(PacketFiles.PROOFS, "holds " + proofs.size() + " proofs for " + records.size() + " records");
        }
        lineByLine(ctx, records, proofs);
        // The line-by-line checks are the same checks; they cannot pass where the checks of all lines failed.
        throw new CheckFailure(PacketFiles.RECORDS, "the records and proofs do not form the signed tree");
    }

    /**
     * True when the proofs lead the records to the signed root. The paths are compared as text first; text that
     * is not the canonical base64 of a hash compares unequal there, so a failure is checked again on the decoded
     * paths, which decide.
     */
    private static boolean provesAll(VerifyContext ctx, RecordLines lines) {
        if (InclusionTree.verify(ctx.head.size(), ctx.head.root(), lines.seqs, lines.leaves, lines.paths)) {
            return true;
        }
        ProofPaths.Decoded decoded = lines.paths.decoded();
        return decoded != null && InclusionTree.verify(ctx.head.size(), ctx.head.root(), lines.seqs, lines.leaves, decoded);
    }

    /** Checks line after line and names the first broken line. */
    private static void lineByLine(VerifyContext ctx, List<byte[]> records, List<byte[]> proofs) throws CheckFailure {
        HexFormat hex = HexFormat.of();
        long previous = -1;
        for (int i = 0; i < records.size(); i++) {
            int line = i + 1;
            String where = PacketFiles.RECORDS + " line " + line;
            byte[] bytes = records.get(i);
            JsonNode proof = ctx.jsonLine(PacketFiles.PROOFS, line, proofs.get(i));
            long seq = proof.path("seq").asLong(-1);
            if (!proof.path("seq").canConvertToLong() || proof.path("tree_size").asLong(-1) != ctx.head.size()) {
                throw new CheckFailure(PacketFiles.PROOFS + " line " + line, "has no sequence number or names another tree size");
            }
            byte[] leaf = MerkleHashing.leafHash(bytes);
            byte[] claimed;
            try {
                claimed = hex.parseHex(proof.path("leaf_hash").asText());
            } catch (IllegalArgumentException e) {
                throw new CheckFailure(PacketFiles.PROOFS + " line " + line, "the leaf hash is not hex");
            }
            List<byte[]> path = new ArrayList<>();
            for (JsonNode h : proof.path("path")) {
                path.add(UnpaddedBase64.decode(h.asText())
                        .orElseThrow(() -> new CheckFailure(PacketFiles.PROOFS + " line " + line, "a path element is not base64")));
            }
            try {
                MerkleProofs.verifyInclusion(seq, ctx.head.size(), leaf, path, ctx.head.root());
            } catch (ProofException e) {
                String why = MessageDigest.isEqual(leaf, claimed)
                        ? "the inclusion proof fails: " + e.getMessage()
                        : "the record's bytes no longer hash to its leaf (the record was changed): " + e.getMessage();
                throw new CheckFailure(MessageDigest.isEqual(leaf, claimed) ? PacketFiles.PROOFS + " line " + line : where, why);
            }
            if (!MessageDigest.isEqual(leaf, claimed)) {
                throw new CheckFailure(PacketFiles.PROOFS + " line " + line, "states another leaf hash than the record's");
            }
            EvidenceRecord r;
            try {
                r = EvidenceRecord.fromJson(ctx.jsonLine(PacketFiles.RECORDS, line, bytes));
            } catch (IllegalArgumentException e) {
                throw new CheckFailure(where, e.getMessage());
            }
            if (r.seq() != seq) {
                throw new CheckFailure(where, "is record " + r.seq() + " but sits at leaf " + seq);
            }
            if (!MessageDigest.isEqual(RecordCodec.encode(r), bytes)) {
                throw new CheckFailure(where, "is not in canonical JSON");
            }
            if (seq <= previous) {
                throw new CheckFailure(where, "is out of order (leaf " + seq + " after " + previous + ")");
            }
            previous = seq;
        }
    }
}
