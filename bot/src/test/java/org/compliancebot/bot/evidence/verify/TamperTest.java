package org.compliancebot.bot.evidence.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancebot.bot.evidence.PacketFixture;
import org.compliancebot.bot.evidence.packet.PacketFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 2: the untouched packet passes; flipping a byte anywhere in any file fails and names the file
 * (every byte of the small files, evenly spaced samples of the larger ones); so do deleting, reordering and
 * adding records.
 */
class TamperTest {
    @TempDir
    static Path dir;
    static PacketFixture.Built built;
    static Packet original;

    @BeforeAll
    static void build() throws Exception {
        built = PacketFixture.build(dir);
        original = Packet.read(built.dir());
    }

    private static PacketVerifier.Result verify(Map<String, byte[]> files) {
        return new PacketVerifier().verify(new Packet(files), null);
    }

    @Test
    void untouchedPacketPassesAsDirectoryAndZip() throws Exception {
        PacketVerifier.Result r = new PacketVerifier().verify(built.dir(), built.publicKey());
        assertThat(r.failure()).isEmpty();
        assertThat(r.passed()).hasSize(8);
        assertThat(String.join("\n", r.passed())).contains("3 ciphertexts decrypt").contains("stamped").contains("Local Test TSA")
                .contains("extends the signed heads of size 3");
        assertThat(new PacketVerifier().verify(built.zip(), built.publicKey()).ok()).isTrue();
        assertThat(original.files().keySet()).contains(PacketFiles.MEGOLM, PacketFiles.TIMESTAMP, "attachments/change-register.json");
    }

    @Test
    void anotherExpectedKeyFails() {
        PacketVerifier.Result r = new PacketVerifier().verify(original, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(r.failure()).get().extracting(CheckFailure::location).isEqualTo(PacketFiles.PUBLIC_KEY);
    }

    @Test
    void flippingAnyByteOfAnyFileFailsAndNamesTheFile() {
        int tried = 0;
        for (String name : original.files().keySet()) {
            byte[] data = original.files().get(name);
            int step = Math.max(1, data.length / 400);
            for (int pos = 0; pos < data.length; pos += step) {
                for (int mask : new int[] {0x01, 0x80}) {
                    Map<String, byte[]> files = new LinkedHashMap<>(original.files());
                    byte[] changed = data.clone();
                    changed[pos] ^= (byte) mask;
                    files.put(name, changed);
                    PacketVerifier.Result r = verify(files);
                    assertThat(r.failure()).as("flip 0x%02x at %s byte %d", mask, name, pos).isPresent();
                    assertThat(r.failure().get().getMessage()).as("flip at %s byte %d", name, pos).contains(name);
                    tried++;
                }
            }
            // The last byte too (often the final newline).
            Map<String, byte[]> files = new LinkedHashMap<>(original.files());
            byte[] changed = data.clone();
            changed[data.length - 1] ^= 1;
            files.put(name, changed);
            assertThat(verify(files).failure()).as("last byte of %s", name).isPresent();
        }
        assertThat(tried).isGreaterThan(2000);
    }

    @Test
    void aChangedRecordIsNamedByLine() {
        Map<String, byte[]> files = new LinkedHashMap<>(original.files());
        List<byte[]> lines = lines(files.get(PacketFiles.RECORDS));
        String second = new String(lines.get(1), StandardCharsets.UTF_8).replace("\"sender\":\"@alice", "\"sender\":\"@mallory");
        lines.set(1, second.getBytes(StandardCharsets.UTF_8));
        files.put(PacketFiles.RECORDS, join(lines));
        CheckFailure f = verify(files).failure().orElseThrow();
        assertThat(f.location()).isEqualTo("records.jsonl line 2");
    }

    @Test
    void deletingReorderingOrAddingRecordsFails() {
        for (String change : List.of("delete", "reorder", "add")) {
            Map<String, byte[]> files = new LinkedHashMap<>(original.files());
            List<byte[]> records = lines(files.get(PacketFiles.RECORDS));
            List<byte[]> proofs = lines(files.get(PacketFiles.PROOFS));
            switch (change) {
                case "delete" -> {
                    records.remove(2);
                    proofs.remove(2);
                }
                case "reorder" -> {
                    records.add(1, records.remove(2));
                    proofs.add(1, proofs.remove(2));
                }
                default -> {
                    records.add(records.get(records.size() - 1));
                    proofs.add(proofs.get(proofs.size() - 1));
                }
            }
            files.put(PacketFiles.RECORDS, join(records));
            files.put(PacketFiles.PROOFS, join(proofs));
            CheckFailure f = verify(files).failure().orElseThrow(() -> new AssertionError(change + " passed"));
            assertThat(f.getMessage()).as(change).contains("records.jsonl");
        }
    }

    @Test
    void anAddedOrMissingFileFails() {
        Map<String, byte[]> files = new LinkedHashMap<>(original.files());
        files.put("extra.txt", new byte[] {1});
        assertThat(verify(files).failure().orElseThrow().location()).isEqualTo("extra.txt");
        files = new LinkedHashMap<>(original.files());
        files.remove(PacketFiles.INDEX);
        assertThat(verify(files).failure().orElseThrow().location()).isEqualTo(PacketFiles.INDEX);
        files = new LinkedHashMap<>(original.files());
        files.remove(PacketFiles.MEGOLM);
        assertThat(verify(files).failure().orElseThrow().location()).isEqualTo(PacketFiles.MEGOLM);
    }

    static List<byte[]> lines(byte[] data) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                out.add(Arrays.copyOfRange(data, start, i));
                start = i + 1;
            }
        }
        return out;
    }

    static byte[] join(List<byte[]> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(new String(l, StandardCharsets.UTF_8)).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
