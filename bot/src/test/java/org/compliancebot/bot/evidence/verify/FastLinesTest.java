package org.compliancebot.bot.evidence.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.MerkleHashing;
import org.compliancebot.bot.evidence.PacketFixture;
import org.compliancebot.bot.evidence.RecordCodec;
import org.compliancebot.bot.evidence.packet.PacketFiles;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-level line checks agree with the parsing checks: the common lines of a real packet pass them, the
 * others are left to parsing, and no mutated line passes them unless the parsing checks pass it the same way.
 */
class FastLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static List<byte[]> records;
    static List<byte[]> proofs;
    static long treeSize;

    @BeforeAll
    static void build() throws Exception {
        Packet packet = Packet.read(PacketFixture.build(dir).dir());
        records = VerifyContext.lines(PacketFiles.RECORDS, packet.require(PacketFiles.RECORDS));
        proofs = VerifyContext.lines(PacketFiles.PROOFS, packet.require(PacketFiles.PROOFS));
        treeSize = JSON.readTree(packet.require(PacketFiles.TREE_HEAD)).path("size").asLong();
        assertThat(treeSize).isPositive();
    }

    @Test
    void commonRecordsAreCheckedFromTheirBytesAndTheRestAreLeftToParsing() throws Exception {
        FastRecordLine fast = new FastRecordLine();
        int passed = 0;
        for (int i = 0; i < records.size(); i++) {
            byte[] line = records.get(i);
            EvidenceRecord r = EvidenceRecord.fromJson(JSON.readTree(line));
            boolean common = !r.isEncrypted() && !"m.room.redaction".equals(r.eventType());
            assertThat(fast.check(line, 0, line.length)).as(r.toString()).isEqualTo(common);
            if (common) {
                passed++;
                assertAgreesWithParsing(fast, line);
            }
        }
        assertThat(passed).as("plain messages, an edit and a validation").isGreaterThanOrEqualTo(3);
    }

    @Test
    void noMutatedRecordPassesUnlessParsingPassesItAlike() throws Exception {
        FastRecordLine fast = new FastRecordLine();
        Random random = new Random(5);
        int passed = 0;
        for (int n = 0; n < 40_000; n++) {
            byte[] line = mutate(records.get(random.nextInt(records.size())), random);
            if (fast.check(line, 0, line.length)) {
                passed++;
                assertAgreesWithParsing(fast, line);
            }
        }
        // Byte changes in a record's own fields (its receive time, its links) keep some lines valid.
        assertThat(passed).isPositive();
    }

    @Test
    void noMutatedProofPassesUnlessParsingReadsTheSame() throws Exception {
        FastProofLine fast = new FastProofLine();
        Random random = new Random(9);
        int passed = 0;
        for (int n = 0; n < 40_000; n++) {
            int i = random.nextInt(proofs.size());
            byte[] leaf = MerkleHashing.leafHash(records.get(i));
            byte[] line = n % 10 == 0 ? proofs.get(i) : mutate(proofs.get(i), random);
            if (!fast.parse(line, 0, line.length, treeSize, leaf)) {
                continue;
            }
            // The layout passed; the elements are left as text. When they decode, parsing must read the same proof.
            ProofPaths.Decoded decoded = new ProofPaths.Text(new byte[][] {line}, new int[] {fast.pathStart},
                    new int[] {fast.pathCount}).decoded();
            if (decoded == null) {
                continue;
            }
            passed++;
            JsonNode p = JSON.readTree(line);
            assertThat(p.path("seq").canConvertToLong()).isTrue();
            assertThat(p.path("seq").asLong()).isEqualTo(fast.seq);
            assertThat(p.path("tree_size").asLong()).isEqualTo(treeSize);
            assertThat(HexFormat.of().parseHex(p.path("leaf_hash").asText())).isEqualTo(leaf);
            byte[] path = new byte[p.path("path").size() * MerkleHashing.HASH_LENGTH];
            for (int k = 0; k < p.path("path").size(); k++) {
                byte[] h = UnpaddedBase64.decode(p.path("path").get(k).asText()).orElseThrow();
                assertThat(h).hasSize(MerkleHashing.HASH_LENGTH);
                System.arraycopy(h, 0, path, k * MerkleHashing.HASH_LENGTH, MerkleHashing.HASH_LENGTH);
            }
            assertThat(decoded.paths()[0]).isEqualTo(path);
        }
        assertThat(passed).as("the untouched proofs pass").isGreaterThanOrEqualTo(4_000);
    }

    /** The parsing checks accept the line: it is a record, canonical, and its raw event checks out the same way. */
    private static void assertAgreesWithParsing(FastRecordLine fast, byte[] line) throws Exception {
        String text = new String(line, StandardCharsets.UTF_8);
        EvidenceRecord r = EvidenceRecord.fromJson(JSON.readTree(line));
        assertThat(RecordCodec.encode(r)).as(text).isEqualTo(line);
        assertThat(r.seq()).isEqualTo(fast.seq);
        assertThat(EventHashCheck.check(r)).as(text).isEqualTo(fast.hasRawEvent ? EventHashCheck.Outcome.CHECKED
                : EventHashCheck.Outcome.NO_RAW_EVENT);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int at = random.nextInt(b.length);
        switch (random.nextInt(3)) {
            case 0 -> b[at] = (byte) random.nextInt(128);
            case 1 -> b[at] = (byte) "0123456789abcdef\"{}[],:\\ ".charAt(random.nextInt(25));
            default -> b[at] = (byte) (b[at] ^ (1 << random.nextInt(8)));
        }
        return b;
    }
}
