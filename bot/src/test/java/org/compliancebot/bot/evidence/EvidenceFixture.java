package org.compliancebot.bot.evidence;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.compliancebot.bot.evidence.store.EvidenceLedger;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.store.Database;

/** A ledger on a fresh SQLite file with a new signing key, for tests. */
public final class EvidenceFixture implements AutoCloseable {
    public final Database db;
    public final Ed25519KeyPair key;
    public final TreeHeadSigner signer;
    public final EvidenceLedger ledger;

    public EvidenceFixture(Path dir, Clock clock, TimestampAuthority tsa) {
        db = Database.openSqlite(dir.resolve("evidence.db"));
        EvidenceLedger.migrate(db);
        key = Ed25519KeyPair.generate(new SecureRandom());
        signer = new TreeHeadSigner(key, "@bot:localhost");
        ledger = new EvidenceLedger(db, signer, clock, tsa);
    }

    public EvidenceFixture(Path dir) {
        this(dir, Clock.systemUTC(), null);
    }

    @Override
    public void close() {
        db.close();
    }
}
