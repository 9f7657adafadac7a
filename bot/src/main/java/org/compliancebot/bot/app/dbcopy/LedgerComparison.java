package org.compliancebot.bot.app.dbcopy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import org.compliancebot.bot.evidence.MerkleHashing;
import org.compliancebot.bot.evidence.MerkleTree;
import org.compliancebot.bot.evidence.store.ConsistencyChecker;
import org.compliancebot.bot.evidence.store.JdbcEvidenceStore;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.KeyDecodeException;
import org.compliancebot.bridge.store.Database;

/**
 * The evidence ledger after a copy: the Merkle tree recomputed from the records' bytes on each side must have the
 * same size and root, and on the target every signed tree head must still verify against the recomputed tree.
 */
final class LedgerComparison {
    /** What was compared: the number of records, the root over all of them (hex), and the signed heads checked. */
    record Result(long records, String root, int heads) {}

    private LedgerComparison() {
    }

    /** Compares inside the copy's transaction ({@code target} joins it); throws when the two ledgers differ. */
    static Result compare(Connection source, Database target, Connection targetTx) throws SQLException {
        MerkleTree from = tree(source);
        MerkleTree to = tree(targetTx);
        String sourceRoot = HexFormat.of().formatHex(from.root());
        String targetRoot = HexFormat.of().formatHex(to.root());
        if (from.size() != to.size() || !sourceRoot.equals(targetRoot)) {
            throw DbCopyException.failed("the evidence ledger differs after the copy: source " + from.size() + " records, root "
                    + sourceRoot + "; target " + to.size() + " records, root " + targetRoot);
        }
        int heads = 0;
        String publicKey = logKey(targetTx);
        if (publicKey != null) {
            ConsistencyChecker.Report report;
            try {
                report = new ConsistencyChecker(target, Ed25519PublicKey.fromBase64(publicKey), (key, summary, detail) -> { })
                        .check();
            } catch (KeyDecodeException e) {
                throw DbCopyException.failed("the evidence signing key's public key cannot be read: " + e.getMessage());
            }
            if (!report.ok()) {
                throw DbCopyException.failed("the evidence ledger on the target fails its check: "
                        + String.join("; ", report.problems()));
            }
            heads = report.heads();
        }
        return new Result(to.size(), targetRoot, heads);
    }

    private static MerkleTree tree(Connection c) throws SQLException {
        MerkleTree tree = new MerkleTree();
        new JdbcEvidenceStore().forEachRow(c, row -> tree.append(MerkleHashing.leafHash(row.recordBytes())));
        return tree;
    }

    private static String logKey(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT public_key FROM evidence_signing_key WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
