package org.compliancebot.bot.evidence.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.compliancebot.bot.evidence.PacketFixture;
import org.compliancebot.bot.evidence.packet.PacketFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The records and proofs read in pieces give the same lines however the files are cut, and anything that is not
 * one record or proof per line fails the pass, leaving the naming of the failure to the line-by-line checks.
 */
class RecordLinesTest {
    @TempDir
    static Path dir;
    static byte[] records;
    static byte[] proofs;
    static long treeSize;

    @BeforeAll
    static void build() throws Exception {
        Packet packet = Packet.read(PacketFixture.build(dir).dir());
        records = packet.require(PacketFiles.RECORDS);
        proofs = packet.require(PacketFiles.PROOFS);
        treeSize = new ObjectMapper().readTree(packet.require(PacketFiles.TREE_HEAD)).path("size").asLong();
    }

    @Test
    void anyCutGivesTheSameLines() throws Exception {
        RecordLines whole = RecordLines.check(records, proofs, treeSize);
        assertThat(whole.allOk).isTrue();
        List<byte[]> lines = VerifyContext.lines(PacketFiles.RECORDS, records);
        assertThat(whole.seqs).hasSize(lines.size());
        assertThat(whole.records).filteredOn(r -> r != null).as("the encrypted records are kept").isNotEmpty();
        // Pieces shorter than a line, about a line, and a few lines long: empty pieces and lines across cuts.
        for (int piece : new int[] {1, 7, 100, 700, 1500, 4000}) {
            RecordLines cut = RecordLines.check(records, proofs, treeSize, piece);
            assertThat(cut.allOk).as("pieces of %d", piece).isTrue();
            assertThat(cut.seqs).as("pieces of %d", piece).isEqualTo(whole.seqs);
            assertThat(cut.leaves).as("pieces of %d", piece).isDeepEqualTo(whole.leaves);
            assertThat(cut.eventOutcomes).as("pieces of %d", piece).isEqualTo(whole.eventOutcomes);
            assertThat(InclusionTree.verify(treeSize, root(), cut.seqs, cut.leaves, cut.paths)).as("pieces of %d", piece).isTrue();
        }
    }

    @Test
    void anythingButOneLinePerRecordAndProofFails() {
        String r = new String(records, StandardCharsets.UTF_8);
        String p = new String(proofs, StandardCharsets.UTF_8);
        int second = r.indexOf('\n') + 1;
        int secondProof = p.indexOf('\n') + 1;
        for (int piece : new int[] {100, 1 << 20}) {
            assertThat(pass(r.substring(0, r.length() - 1), p, piece)).as("no final newline").isFalse();
            assertThat(pass(r, p.substring(0, p.length() - 1), piece)).as("no final newline in the proofs").isFalse();
            assertThat(pass(r.substring(0, second) + "\n" + r.substring(second), p, piece)).as("an empty line").isFalse();
            assertThat(pass(r.substring(second), p, piece)).as("a record missing").isFalse();
            assertThat(pass(r, p.substring(secondProof), piece)).as("a proof missing").isFalse();
            String swapped = p.substring(secondProof, p.indexOf('\n', secondProof) + 1) + p.substring(0, secondProof)
                    + p.substring(p.indexOf('\n', secondProof) + 1);
            assertThat(pass(r, swapped, piece)).as("two proofs swapped").isFalse();
            assertThat(pass(r.replace("},\"event_id\"", "}, \"event_id\""), p, piece)).as("not canonical").isFalse();
        }
    }

    private static boolean pass(String r, String p, int piece) {
        return RecordLines.check(r.getBytes(StandardCharsets.UTF_8), p.getBytes(StandardCharsets.UTF_8), treeSize, piece).allOk;
    }

    private static byte[] root() throws Exception {
        return java.util.Base64.getDecoder().decode(new ObjectMapper().readTree(
                Packet.read(dir.resolve("packet")).require(PacketFiles.TREE_HEAD)).path("root").asText());
    }
}
