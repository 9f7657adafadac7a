package org.compliancebot.bot.evidence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bot.config.ConfigException;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.evidence.EventRecords;
import org.compliancebot.bot.evidence.EvidenceFixture;
import org.compliancebot.bot.evidence.EvidenceLinks;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.MerkleTree;
import org.compliancebot.bot.evidence.SyntheticEvents;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.store.Dialect;
import org.compliancebot.bridge.store.StoreException;
import org.compliancebot.testkit.db.OnEachEngine;
import org.compliancebot.testkit.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Acceptance 3 and the append-only contract of the store (each engine), the idempotent append, and the sealed signing key. */
@OnEachEngine
class LedgerIntegrityTest {
    @Parameter
    TestDatabase.Engine engine;
    @TempDir
    Path dir;

    private EvidenceFixture fixture() {
        return new EvidenceFixture(TestDatabase.fresh(engine, dir.resolve("evidence.db")));
    }

    private static List<EvidenceRecord> records(SyntheticEvents room, int n) {
        List<EvidenceRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(EventRecords.fromRawEvent(room.text("@alice:localhost", "message " + i), room.roomId(), SyntheticEvents.VERSION,
                    i, Optional.empty(), EvidenceLinks.none()));
        }
        return out;
    }

    @Test
    void appendingTwiceAddsNothingAndNumbersInOrder() {
        try (EvidenceFixture fx = fixture()) {
            List<EvidenceRecord> rs = records(new SyntheticEvents("!r:localhost"), 5);
            assertThat(fx.ledger.append(rs)).extracting(EvidenceRecord::seq).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(fx.ledger.append(rs)).isEmpty();
            assertThat(fx.ledger.size()).isEqualTo(5);
        }
    }

    @Test
    void theDatabaseRefusesUpdatesAndDeletes() {
        try (EvidenceFixture fx = fixture()) {
            fx.ledger.append(records(new SyntheticEvents("!r:localhost"), 2));
            assertThatThrownBy(() -> fx.db.inTransactionVoid(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE evidence_record SET record_json = '{}' WHERE seq = 0");
                }
            })).isInstanceOf(StoreException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> fx.db.inTransactionVoid(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM evidence_record WHERE seq = 1");
                }
            })).isInstanceOf(StoreException.class).hasMessageContaining("append-only");
        }
    }

    @Test
    void aRecordAlteredInTheDatabaseIsCaughtByTheNextCheckAndRaisesAnAlert() {
        try (EvidenceFixture fx = fixture()) {
            fx.ledger.append(records(new SyntheticEvents("!r:localhost"), 6));
            fx.ledger.signHead();
            List<String> alerts = new ArrayList<>();
            ConsistencyChecker checker = new ConsistencyChecker(fx.db, fx.key.publicKey(), (key, summary, detail) -> alerts.add(summary + "\n" + detail));
            assertThat(checker.check().ok()).isTrue();
            assertThat(alerts).isEmpty();

            // Someone with database access removes the trigger and rewrites a message, leaf hash included.
            fx.db.inTransactionVoid(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(fx.db.dialect() == Dialect.SQLITE ? "DROP TRIGGER evidence_record_no_update"
                            : "DROP TRIGGER evidence_record_no_change ON evidence_record");
                    s.executeUpdate("UPDATE evidence_record SET record_json = REPLACE(record_json, 'message 3', 'message 9') WHERE seq = 3");
                }
            });
            ConsistencyChecker.Report report = checker.check();
            assertThat(report.ok()).isFalse();
            assertThat(report.problems()).anyMatch(p -> p.contains("record 3"));
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0)).contains("integrity").contains("record 3");

            // Recomputing the stored leaf hash too still breaks the signed root.
            fx.db.inTransactionVoid(c -> {
                byte[] bytes = fx.ledger.store().rows(c, List.of(3L)).get(0).recordBytes();
                try (var ps = c.prepareStatement("UPDATE evidence_record SET leaf_hash = ? WHERE seq = 3")) {
                    ps.setString(1, java.util.HexFormat.of().formatHex(org.compliancebot.bot.evidence.MerkleHashing.leafHash(bytes)));
                    ps.executeUpdate();
                }
            });
            assertThat(checker.check().problems()).anyMatch(p -> p.contains("signed root at size 6"));
        }
    }

    @Test
    void proofsFromTheLedgerAgreeWithATreeBuiltFromScratch() {
        try (EvidenceFixture fx = fixture()) {
            List<EvidenceRecord> added = fx.ledger.append(records(new SyntheticEvents("!r:localhost"), 9));
            MerkleTree fresh = new MerkleTree();
            added.forEach(r -> fresh.append(org.compliancebot.bot.evidence.RecordCodec.leafHash(r)));
            var head = fx.ledger.signHead().head();
            assertThat(head.root()).isEqualTo(fresh.root());
            assertThat(head.verify(fx.key.publicKey())).isTrue();
            assertThat(fx.ledger.signHead().head()).as("no new records, same head").isEqualTo(head);
        }
    }

    @Test
    void theSigningKeyIsSealedAndNeedsTheSameSecret() {
        try (EvidenceFixture fx = fixture()) {
            Secrets evidence = new Secrets(Map.of(Secrets.EVIDENCE_KEY, "an evidence key of some length"));
            Ed25519KeyPair k1 = SigningKeys.loadOrCreate(fx.db, SigningKeys.source(evidence), new SecureRandom(), Clock.systemUTC());
            Ed25519KeyPair k2 = SigningKeys.loadOrCreate(fx.db, SigningKeys.source(evidence), new SecureRandom(), Clock.systemUTC());
            assertThat(k2.publicKey()).isEqualTo(k1.publicKey());
            String sealed = fx.db.inTransaction(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT sealed_seed FROM evidence_signing_key")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(sealed).doesNotContain(java.util.Base64.getEncoder().encodeToString(k1.seedBytes()));
            Secrets wrong = new Secrets(Map.of(Secrets.EVIDENCE_KEY, "another evidence key, wrong"));
            assertThatThrownBy(() -> SigningKeys.loadOrCreate(fx.db, SigningKeys.source(wrong), new SecureRandom(), Clock.systemUTC()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be opened");
            Secrets store = new Secrets(Map.of(Secrets.STORE_KEY, "a store key of some length"));
            assertThatThrownBy(() -> SigningKeys.loadOrCreate(fx.db, SigningKeys.source(store), new SecureRandom(), Clock.systemUTC()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining(Secrets.EVIDENCE_KEY);
            assertThatThrownBy(() -> SigningKeys.source(new Secrets(Map.of()))).isInstanceOf(ConfigException.class);
        }
    }
}
