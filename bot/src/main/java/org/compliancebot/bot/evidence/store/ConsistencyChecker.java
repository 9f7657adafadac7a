package org.compliancebot.bot.evidence.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.compliancebot.bot.evidence.AlertSink;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.MerkleHashing;
import org.compliancebot.bot.evidence.MerkleTree;
import org.compliancebot.bot.evidence.RecordCodec;
import org.compliancebot.bot.evidence.TreeHead;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.store.Database;

/**
 * Recomputes the log from what is stored: each record's leaf hash from its bytes (and the bytes from the
 * parsed record, so a record edited into another valid form is caught too), the tree from those hashes, and
 * the root at every signed head's size, whose signature must verify with the log's key. Any mismatch is
 * raised through the {@link AlertSink}: a record or head changed in the database since it was signed.
 */
public final class ConsistencyChecker {
    private final Database db;
    private final JdbcEvidenceStore store = new JdbcEvidenceStore();
    private final Ed25519PublicKey logKey;
    private final AlertSink alerts;
    private final ObjectMapper mapper = new ObjectMapper();

    public ConsistencyChecker(Database db, Ed25519PublicKey logKey, AlertSink alerts) {
        this.db = db;
        this.logKey = logKey;
        this.alerts = alerts;
    }

    /** The outcome: the records and heads checked, and the problems found (empty when all is well). */
    public record Report(long records, int heads, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Report check() {
        List<String> problems = new ArrayList<>();
        MerkleTree tree = new MerkleTree();
        List<JdbcEvidenceStore.StoredHead> heads = db.inTransaction(c -> {
            store.forEachRow(c, row -> {
                if (row.seq() != tree.size()) {
                    problems.add("record " + tree.size() + " is missing (next stored is " + row.seq() + ")");
                }
                byte[] recomputed = MerkleHashing.leafHash(row.recordBytes());
                if (!MessageDigest.isEqual(recomputed, row.leafHash())) {
                    problems.add("record " + row.seq() + " no longer matches its stored leaf hash");
                } else {
                    try {
                        EvidenceRecord r = row.parse(mapper);
                        if (r.seq() != row.seq() || !MessageDigest.isEqual(RecordCodec.encode(r), row.recordBytes())) {
                            problems.add("record " + row.seq() + " is not in its canonical form");
                        }
                    } catch (RuntimeException e) {
                        problems.add("record " + row.seq() + " cannot be read: " + e.getMessage());
                    }
                }
                tree.append(recomputed);
            });
            return store.allHeads(c);
        });
        for (JdbcEvidenceStore.StoredHead sh : heads) {
            TreeHead h = sh.head();
            if (!h.verify(logKey)) {
                problems.add("the signed tree head of size " + h.size() + " does not verify with the log's key");
            } else if (h.size() > tree.size()) {
                problems.add("the signed tree head of size " + h.size() + " is beyond the " + tree.size() + " stored records");
            } else if (!MessageDigest.isEqual(tree.root(h.size()), h.root())) {
                problems.add("the records no longer hash to the signed root at size " + h.size());
            }
        }
        Report report = new Report(tree.size(), heads.size(), List.copyOf(problems));
        if (!report.ok()) {
            alerts.raise("evidence-integrity", "Evidence log integrity check failed: " + problems.size() + " problem(s)",
                    String.join("\n", problems));
        }
        return report;
    }
}
