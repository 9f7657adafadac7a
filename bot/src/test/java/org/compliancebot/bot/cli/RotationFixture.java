package org.compliancebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.evidence.TreeHeadSigner;
import org.compliancebot.bot.evidence.store.EvidenceLedger;
import org.compliancebot.bot.evidence.store.SigningKeys;
import org.compliancebot.bridge.crypto.machine.OlmMachine;
import org.compliancebot.bridge.crypto.machine.SharingPolicy;
import org.compliancebot.bridge.crypto.machine.StateKind;
import org.compliancebot.bridge.crypto.olm.IdentityKeys;
import org.compliancebot.bridge.e2ee.CryptoStore;
import org.compliancebot.bridge.e2ee.StoreKey;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;
import org.compliancebot.bridge.store.Tables;
import org.compliancebot.testkit.db.TestDatabase;
import picocli.CommandLine;

/**
 * A bot database on one engine (a SQLite file in a temporary directory, or a new PostgreSQL database) with a real
 * crypto store and evidence log, a configuration pointing at it, and a way to run commands on it.
 */
final class RotationFixture {
    static final UserId USER = UserId.of("@bot:example.org");
    static final DeviceId DEVICE = DeviceId.of("BOT");
    static final RoomId ROOM = RoomId.of("!room:example.org");

    final TestDatabase db;
    final Path config;

    /** Exit code and what the command printed. */
    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    RotationFixture(TestDatabase.Engine engine, Path dir) throws Exception {
        db = TestDatabase.fresh(engine, dir.resolve("bot.db"));
        config = dir.resolve("config.yaml");
        Files.writeString(config, """
                homeserver:
                  url: http://127.0.0.1:8008
                bot:
                  user_id: "%s"
                  device_id: %s
                database:
                  url: "%s"
                """.formatted(USER, DEVICE, db.url()) + (db.user() == null ? "" : "  user: " + db.user() + "\n"));
    }

    /** The secrets a command runs with: {@code env} and, on PostgreSQL, the database password as the operator sets it. */
    Secrets secrets(Map<String, String> env) {
        if (db.password() == null) {
            return new Secrets(env);
        }
        Map<String, String> all = new HashMap<>(env);
        all.put(Secrets.DATABASE_PASSWORD, db.password());
        return new Secrets(all);
    }

    static String randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    Database open() {
        return Database.open(db.url(), db.user(), db.password());
    }

    /** Writes a crypto store as the bot would: its account, cross-signing keys and a room's Megolm sessions. */
    IdentityKeys seedCryptoStore(String storeKey) {
        OlmMachine machine = OlmMachine.create(USER, DEVICE, SharingPolicy.CROSS_SIGNED_ONLY, Clock.systemUTC());
        machine.crossSigningUpload();
        machine.setRoomMembers(ROOM, Map.of(USER, "join"));
        machine.setRoomEncryption(ROOM, JsonNodeFactory.instance.objectNode().put("algorithm", "m.megolm.v1.aes-sha2"));
        machine.shareRoomKey(ROOM);
        CryptoStore store = new CryptoStore(StoreKey.parse(storeKey));
        try (Database d = open()) {
            Migrations.migrate(d, "bridge", RotationFixture.class.getClassLoader());
            d.inTransactionVoid(c -> {
                store.checkKey(c);
                store.save(c, machine.takeChanges());
            });
        }
        return machine.identityKeys();
    }

    /** The identity keys of the machine stored under {@code storeKey}; throws when the key does not open every item. */
    IdentityKeys loadCryptoStore(String storeKey) {
        CryptoStore store = new CryptoStore(StoreKey.parse(storeKey));
        try (Database d = open()) {
            return d.inTransaction(c -> {
                store.checkKey(c);
                try {
                    return OlmMachine.load(USER, DEVICE, SharingPolicy.CROSS_SIGNED_ONLY, Clock.systemUTC(), store.load(c))
                            .identityKeys();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    /** Creates the log's signing key sealed with the secret {@code name} and signs a tree head over one record; returns the public key. */
    String seedEvidence(String name, String secret) {
        try (Database d = open()) {
            EvidenceLedger.migrate(d);
            var key = SigningKeys.loadOrCreate(d, source(name, secret), new SecureRandom(), Clock.systemUTC());
            new EvidenceLedger(d, new TreeHeadSigner(key, USER.value()), Clock.systemUTC(), null).signHead();
            return key.publicKey().toBase64();
        }
    }

    /** The public key of the signing key opened as the bot would with these secrets (throws when they do not open it). */
    String openSigningKey(Map<String, String> env) {
        try (Database d = open()) {
            return SigningKeys.loadOrCreate(d, SigningKeys.source(new Secrets(env)), new SecureRandom(), Clock.systemUTC())
                    .publicKey().toBase64();
        }
    }

    static SigningKeys.Source source(String name, String secret) {
        return SigningKeys.source(new Secrets(Map.of(name, secret)));
    }

    /** Every stored crypto item and the sealed signing key, byte for byte. */
    Map<String, String> rows() {
        try (Database d = open()) {
            return d.inTransaction(c -> {
                Map<String, String> out = new TreeMap<>();
                if (Tables.exists(c, "crypto_item")) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT kind, item_key, value FROM crypto_item");
                         ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1) + "/" + rs.getString(2), rs.getString(3));
                        }
                    }
                }
                if (Tables.exists(c, "evidence_signing_key")) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT sealed_seed, key_source FROM evidence_signing_key");
                         ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put("signing-key", rs.getString(1) + " " + rs.getString(2));
                        }
                    }
                }
                return out;
            });
        }
    }

    long count(StateKind kind) {
        return rows().keySet().stream().filter(k -> k.startsWith(kind.name() + "/")).count();
    }

    /**
     * Runs a command object on the fixture's configuration, with the command line's own error handling; fails when
     * the command printed the database password.
     */
    Run run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler(Main.commandLine().getExecutionExceptionHandler());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = cl.execute(all);
        Run run = new Run(code, out.toString(), err.toString());
        if (db.password() != null) {
            assertThat(run.all()).as("the output shows no database password").doesNotContain(db.password());
        }
        return run;
    }
}
