package org.compliancebot.bot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.store.JdbcFixture;
import org.compliancebot.bot.change.workflow.CrFilter;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.evidence.EventRecords;
import org.compliancebot.bot.evidence.EvidenceLinks;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.RoomAccess;
import org.compliancebot.bot.evidence.SearchHit;
import org.compliancebot.bot.evidence.SyntheticEvents;
import org.compliancebot.bot.evidence.TreeHeadSigner;
import org.compliancebot.bot.evidence.store.ConsistencyChecker;
import org.compliancebot.bot.evidence.store.DiscussionIndex;
import org.compliancebot.bot.evidence.store.DiscussionSearch;
import org.compliancebot.bot.evidence.store.EvidenceLedger;
import org.compliancebot.bot.evidence.store.SigningKeys;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.NewIncident;
import org.compliancebot.bot.incident.Severity;
import org.compliancebot.bot.incident.Task;
import org.compliancebot.bot.incident.store.JdbcIncidentStore;
import org.compliancebot.bot.watchdog.domain.AlertStatus;
import org.compliancebot.bot.watchdog.domain.IncomingAlert;
import org.compliancebot.bot.watchdog.domain.Level;
import org.compliancebot.bot.watchdog.domain.StoredAlert;
import org.compliancebot.bot.watchdog.store.AlertStore;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.crypto.machine.OlmMachine;
import org.compliancebot.bridge.crypto.machine.SharingPolicy;
import org.compliancebot.bridge.crypto.olm.IdentityKeys;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.e2ee.CryptoStore;
import org.compliancebot.bridge.e2ee.StoreKey;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.outbox.Outbox;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;
import org.compliancebot.testkit.db.TestDatabase;

/**
 * A bot's store with something in every part (change workflow, outbox, crypto store, incidents, watchdog,
 * evidence ledger and search index), written through the real stores, and read back through them as a
 * {@link Snapshot} so that two databases can be compared.
 */
final class SampleDeployment {
    static final String ROOM = "!ops:example.org";
    private static final UserId BOT = UserId.of("@bot:example.org");
    private static final DeviceId DEVICE = DeviceId.of("BOTDEVICE");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    private static final Secrets SECRETS = new Secrets(Map.of(Secrets.STORE_KEY, "a store key for the sample deployment"));

    private final StoreKey storeKey;

    SampleDeployment() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        storeKey = StoreKey.of(k);
    }

    /** Everything a comparison looks at, as the stores return it. */
    record Snapshot(List<ChangeRequest> changes, List<ChangeLogEntry> changeLog, int pendingOutbox, IdentityKeys identityKeys,
                    List<Incident> incidents, List<Task> tasks, List<StoredAlert> alerts, long ledgerSize, String signedRoot,
                    boolean ledgerConsistent, List<SearchHit> searchHits) {}

    void populate(TestDatabase t) throws Exception {
        try (JdbcFixture change = new JdbcFixture(t)) {
            change.approved();
            change.submitted("Rotate the TLS certificates");
        }
        try (Database db = open(t)) {
            Outbox outbox = new Outbox(db, MatrixClient.create("http://127.0.0.1:9"), CLOCK);
            db.inTransactionVoid(c -> outbox.enqueue(c, "sample-1", RoomId.of(ROOM), "m.room.message",
                    new ObjectMapper().createObjectNode().put("msgtype", "m.text").put("body", "queued notice")));
            OlmMachine machine = OlmMachine.create(BOT, DEVICE, SharingPolicy.CROSS_SIGNED_ONLY, CLOCK);
            CryptoStore crypto = new CryptoStore(storeKey);
            db.inTransactionVoid(c -> {
                crypto.checkKey(c);
                crypto.save(c, machine.takeChanges());
            });
            JdbcIncidentStore incidents = new JdbcIncidentStore(db);
            Incident incident = incidents.create(NewIncident.of("Database outage", Severity.HIGH, "@lead:example.org"),
                    CLOCK.instant());
            incidents.addTask(incident.id(), UserId.of("@dba:example.org"), "Restore the replica", UserId.of("@lead:example.org"),
                    CLOCK.instant(), EventId.of("$task1"));
            AlertStore alerts = new AlertStore();
            db.inTransactionVoid(c -> alerts.insert(c, new IncomingAlert("prometheus", "disk-full", "Disk full on db-01",
                    Level.CRITICAL, AlertStatus.FIRING, "95% used", Map.of("host", "db-01"), List.of()), CLOCK.instant(), false));
            EvidenceLedger ledger = ledger(db);
            SyntheticEvents room = new SyntheticEvents(ROOM);
            List<EvidenceRecord> records = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                records.add(EventRecords.fromRawEvent(room.text("@alice:example.org", "firewall change step " + i), ROOM,
                        SyntheticEvents.VERSION, i, Optional.empty(), EvidenceLinks.none()));
            }
            ledger.append(records);
            ledger.signHead();
            DiscussionIndex index = new DiscussionIndex(db);
            db.inTransactionVoid(c -> index.index(c, "$m1", ROOM, "@alice:example.org", 1_000, "Firewall rule changed on db-01"));
        }
    }

    Snapshot read(TestDatabase t) throws Exception {
        List<ChangeRequest> changes;
        List<ChangeLogEntry> log;
        try (JdbcFixture change = new JdbcFixture(t)) {
            changes = change.tx(s -> s.list(CrFilter.all()));
            log = change.store.environment().changeLog().all();
        }
        try (Database db = open(t)) {
            int pending = new Outbox(db, MatrixClient.create("http://127.0.0.1:9"), CLOCK).pendingCount();
            CryptoStore crypto = new CryptoStore(storeKey);
            var state = db.inTransaction(crypto::load);
            IdentityKeys identity = OlmMachine.load(BOT, DEVICE, SharingPolicy.CROSS_SIGNED_ONLY, CLOCK, state).identityKeys();
            JdbcIncidentStore incidents = new JdbcIncidentStore(db);
            List<Incident> all = incidents.list(null);
            List<Task> tasks = all.isEmpty() ? List.of() : incidents.tasks(all.get(0).id());
            List<StoredAlert> alerts = db.inTransaction(c -> new AlertStore().list(c, AlertStore.Filter.ALL, null, 100, 0));
            EvidenceLedger ledger = ledger(db);
            String root = ledger.latestHead().map(h -> h.head().size() + ":" + HexFormat.of().formatHex(h.head().root())).orElse("");
            Ed25519KeyPair key = SigningKeys.loadOrCreate(db, SigningKeys.source(SECRETS), new SecureRandom(), CLOCK);
            boolean consistent = new ConsistencyChecker(db, key.publicKey(), (k, s, d) -> { }).check().ok();
            List<SearchHit> hits = new DiscussionSearch(new DiscussionIndex(db), Set.of(ROOM), new RoomAccess((u, r) -> true))
                    .search(new RoomAccess.Reader("@alice:example.org", false), "FIREWALL db-01", List.of(), null, null, 10);
            return new Snapshot(changes, log, pending, identity, all, tasks, alerts, ledger.size(), root, consistent, hits);
        }
    }

    private static Database open(TestDatabase t) {
        Database db = Database.open(t.url(), t.user(), t.password());
        for (String module : List.of("bridge", "bot", "watchdog")) {
            Migrations.migrate(db, module, SampleDeployment.class.getClassLoader());
        }
        JdbcIncidentStore.migrate(db);
        EvidenceLedger.migrate(db);
        return db;
    }

    private static EvidenceLedger ledger(Database db) {
        Ed25519KeyPair key = SigningKeys.loadOrCreate(db, SigningKeys.source(SECRETS), new SecureRandom(), CLOCK);
        return new EvidenceLedger(db, new TreeHeadSigner(key, BOT.value()), CLOCK, null);
    }
}
