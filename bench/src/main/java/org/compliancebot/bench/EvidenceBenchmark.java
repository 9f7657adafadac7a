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
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
// Appends wait on the disk's syncs, whose time varies from one iteration to the next: seven give a steadier median.
@Measurement(iterations = 7)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class EvidenceBenchmark {
    static final int RECORDS = 100_000;
    static final int BATCH = 1_000;

    /** The records to append and their rows for the plain insert, and a fresh database per iteration. */
    @State(Scope.Benchmark)
    public static class Log {
        List<EvidenceRecord> records;
        List<Object[]> rows;
        Path dir;
        Database db;
        EvidenceLedger ledger;

        @Setup(Level.Trial)
        public void data() {
            records = EvidenceData.records(RECORDS);
            rows = new java.util.ArrayList<>();
            HexFormat hex = HexFormat.of();
            for (int i = 0; i < records.size(); i++) {
                EvidenceRecord r = records.get(i).withSeq(i);
                byte[] bytes = RecordCodec.encode(r);
                rows.add(new Object[] {(long) i, r.dedupKey(), r.kind().wire(), r.roomId(), r.eventId(), r.originServerTs(),
                        new String(bytes, StandardCharsets.UTF_8), hex.formatHex(MerkleHashing.leafHash(bytes))});
            }
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
    }

    /**
     * A packet of the same records, read into memory, and all its bytes in one array for the reference. Only the
     * packet is kept: verification runs on a heap that holds the packet, as a verifier's does.
     */
    @State(Scope.Benchmark)
    public static class Packets {
        Packet packet;
        byte[] packetBytes;
        Path packetDir;

        @Setup(Level.Trial)
        public void build() throws Exception {
            List<EvidenceRecord> records = EvidenceData.records(RECORDS);
            packetDir = Files.createTempDirectory("evidence-packet-bench");
            try (Database pdb = Database.openSqlite(packetDir.resolve("p.db"))) {
                EvidenceLedger.migrate(pdb);
                Ed25519KeyPair key = Ed25519KeyPair.generate(new SecureRandom());
                EvidenceLedger l = new EvidenceLedger(pdb, new TreeHeadSigner(key, "@bench:localhost"), Clock.systemUTC(), null);
                l.append(records);
                var content = new PacketExporter(l, SessionExportSource.none(), Clock.systemUTC())
                        .build(new ExportScope.Room(EvidenceData.ROOM, java.time.Instant.EPOCH, java.time.Instant.now()), false,
                                Map.of(), ExportProgress.none());
                new PacketWriter(l.signer()).write(content, packetDir.resolve("packet"));
            }
            packet = Packet.read(packetDir.resolve("packet"));
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (byte[] f : packet.files().values()) {
                all.write(f);
            }
            packetBytes = all.toByteArray();
        }

        @TearDown(Level.Trial)
        public void removePacket() throws IOException {
            delete(packetDir);
        }

        long size() {
            return packetBytes.length;
        }
    }

    @Benchmark
    public long ledgerAppend(Log log) {
        for (int i = 0; i < RECORDS; i += BATCH) {
            log.ledger.append(log.records.subList(i, i + BATCH));
        }
        return log.ledger.withTree(t -> t.root().length + t.size());
    }

    @Benchmark
    public long plainBatchedInsertReference(Log log) {
        for (int i = 0; i < RECORDS; i += BATCH) {
            int from = i;
            log.db.inTransactionVoid(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO evidence_record (seq, dedup_key, kind, room_id, "
                        + "event_id, origin_ts, record_json, leaf_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Object[] row : log.rows.subList(from, from + BATCH)) {
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

    // A round of verification takes a third of a second: thirty rounds (about ten seconds, as a long-running verifier
    // would have had) let the compiler finish the largest methods, which it is still compiling after five or ten.
    @Benchmark
    @Warmup(iterations = 30)
    @Measurement(iterations = 10)
    public boolean verifyPacket(Packets p) {
        PacketVerifier.Result r = new PacketVerifier().verify(p.packet, null);
        if (!r.ok()) {
            throw new IllegalStateException(r.failure().get().getMessage());
        }
        return true;
    }

    @Benchmark
    @Warmup(iterations = 30)
    @Measurement(iterations = 10)
    public byte[] sha256OfPacketReference(Packets p) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(p.packetBytes);
    }

    private static void delete(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
