package org.compliancebot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.ExportProgress;
import org.compliancebot.bot.evidence.ExportScope;
import org.compliancebot.bot.evidence.MerkleHashing;
import org.compliancebot.bot.evidence.RecordCodec;
import org.compliancebot.bot.evidence.SessionExportSource;
import org.compliancebot.bot.evidence.TreeHeadSigner;
import org.compliancebot.bot.evidence.packet.PacketWriter;
import org.compliancebot.bot.evidence.store.EvidenceLedger;
import org.compliancebot.bot.evidence.store.PacketExporter;
import org.compliancebot.bot.evidence.verify.Packet;
import org.compliancebot.bot.evidence.verify.PacketVerifier;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.store.Database;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The evidence log, 100,000 records of about 1 KB: appending them (canonical JSON, leaf hash, Merkle tree,
 * SQLite, in batches of 1,000) against a plain batched insert of the same rows; and verifying a packet of
 * them against the JDK's SHA-256 over the same bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class EvidenceBenchmark {
    static final int RECORDS = 100_000;
    static final int BATCH = 1_000;

    private List<EvidenceRecord> records;
    private List<Object[]> rows;
    private Packet packet;
    private byte[] packetBytes;
    private Path dir;
    private Path packetDir;
    private Database db;
    private EvidenceLedger ledger;

    @Setup(Level.Trial)
    public void data() throws Exception {
        records = EvidenceData.records(RECORDS);
        rows = new java.util.ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < records.size(); i++) {
            EvidenceRecord r = records.get(i).withSeq(i);
            byte[] bytes = RecordCodec.encode(r);
            rows.add(new Object[] {(long) i, r.dedupKey(), r.kind().wire(), r.roomId(), r.eventId(), r.originServerTs(),
                    new String(bytes, StandardCharsets.UTF_8), hex.formatHex(MerkleHashing.leafHash(bytes))});
        }
        Path pdir = Files.createTempDirectory("evidence-packet-bench");
        packetDir = pdir;
        try (Database pdb = Database.openSqlite(pdir.resolve("p.db"))) {
            EvidenceLedger.migrate(pdb);
            Ed25519KeyPair key = Ed25519KeyPair.generate(new SecureRandom());
            EvidenceLedger l = new EvidenceLedger(pdb, new TreeHeadSigner(key, "@bench:localhost"), Clock.systemUTC(), null);
            l.append(records);
            var content = new PacketExporter(l, SessionExportSource.none(), Clock.systemUTC())
                    .build(new ExportScope.Room(EvidenceData.ROOM, java.time.Instant.EPOCH, java.time.Instant.now()), false, Map.of(),
                            ExportProgress.none());
            new PacketWriter(l.signer()).write(content, pdir.resolve("packet"));
        }
        packet = Packet.read(pdir.resolve("packet"));
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] f : packet.files().values()) {
            all.write(f);
        }
        packetBytes = all.toByteArray();
    }

    @Setup(Level.Iteration)
    public void freshDatabase() throws IOException {
        dir = Files.createTempDirectory("evidence-bench");
        db = Database.openSqlite(dir.resolve("e.db"));
        EvidenceLedger.migrate(db);
        ledger = new EvidenceLedger(db, new TreeHeadSigner(Ed25519KeyPair.generate(new SecureRandom()), "@bench:localhost"),
                Clock.systemUTC(), null);
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        db.close();
        delete(dir);
    }

    @TearDown(Level.Trial)
    public void removePacket() throws IOException {
        delete(packetDir);
    }

    private static void delete(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long ledgerAppend() {
        for (int i = 0; i < RECORDS; i += BATCH) {
            ledger.append(records.subList(i, i + BATCH));
        }
        return ledger.withTree(t -> t.root().length + t.size());
    }

    @Benchmark
    public long plainBatchedInsertReference() {
        for (int i = 0; i < RECORDS; i += BATCH) {
            int from = i;
            db.inTransactionVoid(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO evidence_record (seq, dedup_key, kind, room_id, "
                        + "event_id, origin_ts, record_json, leaf_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Object[] row : rows.subList(from, from + BATCH)) {
                        for (int k = 0; k < row.length; k++) {
                            ps.setObject(k + 1, row[k]);
                        }
                        ps.setLong(9, 0);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            });
        }
        return RECORDS;
    }

    // Verification is cheap enough to give the compiler ten rounds before measuring, as a long-running verifier would:
    // the largest methods are still being compiled after five.
    @Benchmark
    @Warmup(iterations = 10)
    @Measurement(iterations = 7)
    public boolean verifyPacket() {
        PacketVerifier.Result r = new PacketVerifier().verify(packet, null);
        if (!r.ok()) {
            throw new IllegalStateException(r.failure().get().getMessage());
        }
        return true;
    }

    @Benchmark
    @Warmup(iterations = 10)
    @Measurement(iterations = 7)
    public byte[] sha256OfPacketReference() throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(packetBytes);
    }

    long packetSize() {
        return packetBytes.length;
    }
}
