package org.compliancebot.bot.evidence;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.compliancebot.bot.evidence.store.EvidenceLedger;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.testkit.db.TestDatabase;

/** A ledger on a fresh test database (a SQLite file unless given another) with a new signing key, for tests. */
public final class EvidenceFixture implements AutoCloseable {
    public final Database db;
    public final Ed25519KeyPair key;
    public final TreeHeadSigner signer;
    public final EvidenceLedger ledger;

    public EvidenceFixture(TestDatabase database, Clock clock, TimestampAuthority tsa) {
        db = Database.open(database.url(), database.user(), database.password());
        EvidenceLedger.migrate(db);
        key = Ed25519KeyPair.generate(new SecureRandom());
        signer = new TreeHeadSigner(key, "@bot:localhost");
        ledger = new EvidenceLedger(db, signer, clock, tsa);
    }

    public EvidenceFixture(Path dir, Clock clock, TimestampAuthority tsa) {
        this(TestDatabase.sqlite(dir.resolve("evidence.db")), clock, tsa);
    }

    public EvidenceFixture(Path dir) {
        this(dir, Clock.systemUTC(), null);
    }

    public EvidenceFixture(TestDatabase database) {
        this(database, Clock.systemUTC(), null);
    }

    @Override
    public void close() {
        db.close();
    }
}
