package org.compliancebot.bot.evidence.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.MerkleHashing;
import org.compliancebot.bot.evidence.MerkleTree;
import org.compliancebot.bot.evidence.TimestampAuthority;
import org.compliancebot.bot.evidence.TimestampTokens;
import org.compliancebot.bot.evidence.TreeHead;
import org.compliancebot.bot.evidence.TreeHeadSigner;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence log: appends records (idempotently, by kind and event id), keeps the Merkle tree over their
 * leaf hashes, signs tree heads and answers proofs. The tree is a cache of the stored leaf hashes: it is
 * brought up to date from the database before each use, so records appended inside someone else's
 * transaction (the sync loop's) count once that transaction committed. Thread-safe.
 */
public final class EvidenceLedger {
    private static final Logger log = LoggerFactory.getLogger(EvidenceLedger.class);

    private final Database db;
    private final JdbcEvidenceStore store = new JdbcEvidenceStore();
    private final TreeHeadSigner signer;
    private final Clock clock;
    private final TimestampAuthority tsa;
    private final MerkleTree tree = new MerkleTree();

    /** @param tsa null when tree heads are not time-stamped */
    public EvidenceLedger(Database db, TreeHeadSigner signer, Clock clock, TimestampAuthority tsa) {
        this.db = db;
        this.signer = signer;
        this.clock = clock;
        this.tsa = tsa;
    }

    /** Applies the evidence migrations of this module. */
    public static void migrate(Database db) {
        Migrations.migrate(db, "evidence", EvidenceLedger.class.getClassLoader());
    }

    public Database database() {
        return db;
    }

    public JdbcEvidenceStore store() {
        return store;
    }

    public TreeHeadSigner signer() {
        return signer;
    }

    /** Appends in a transaction of its own; returns the records that were new, numbered. */
    public List<EvidenceRecord> append(List<EvidenceRecord> records) {
        List<EvidenceRecord> added = db.inTransaction(c -> store.append(c, records, clock.millis()));
        if (!added.isEmpty()) {
            log.debug("Appended {} evidence records", added.size());
        }
        return added;
    }

    /** Appends inside the caller's transaction; the tree picks them up once it committed. */
    public List<EvidenceRecord> appendIn(Connection tx, List<EvidenceRecord> records) throws SQLException {
        return store.append(tx, records, clock.millis());
    }

    /** Runs {@code work} on the tree, brought up to date with the committed records. */
    public synchronized <T> T withTree(java.util.function.Function<MerkleTree, T> work) {
        long have = tree.size();
        List<byte[]> more = db.inTransaction(c -> store.leafHashes(c, have));
        more.forEach(tree::append);
        return work.apply(tree);
    }

    public long size() {
        return withTree(MerkleTree::size);
    }

    /**
     * Signs the current tree head unless the latest signed head already covers this size, time-stamps it
     * when a TSA is configured, stores it and returns it.
     */
    public synchronized JdbcEvidenceStore.StoredHead signHead() {
        long size = size();
        Optional<JdbcEvidenceStore.StoredHead> latest = latestHead();
        if (latest.isPresent() && latest.get().head().size() == size) {
            return latest.get();
        }
        TreeHead head = signer.sign(size, tree.root(size), clock.millis());
        String token = null;
        if (tsa != null) {
            try {
                byte[] der = TimestampTokens.stamp(tsa, MerkleHashing.sha256(head.signedText()), new SecureRandom());
                token = Base64.getEncoder().encodeToString(der);
            } catch (Exception e) {
                log.warn("The time-stamping authority did not stamp tree head {}: {}", size, e.getMessage());
            }
        }
        String tokenFinal = token;
        db.inTransactionVoid(c -> store.saveHead(c, head, tokenFinal, clock.millis()));
        return new JdbcEvidenceStore.StoredHead(head, token, null);
    }

    public Optional<JdbcEvidenceStore.StoredHead> latestHead() {
        return db.inTransaction(store::latestHead);
    }
}
