package org.compliancebot.bot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ConfigException;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.EvidenceSettings;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.evidence.EventDecryptor;
import org.compliancebot.bot.evidence.EvidenceLinks;
import org.compliancebot.bot.evidence.ExportProgress;
import org.compliancebot.bot.evidence.ExportScope;
import org.compliancebot.bot.evidence.SessionExportSource;
import org.compliancebot.bot.evidence.TreeHeadSigner;
import org.compliancebot.bot.evidence.matrix.CryptoStoreDecryptor;
import org.compliancebot.bot.evidence.matrix.CryptoStoreSessions;
import org.compliancebot.bot.evidence.matrix.HttpTimestampAuthority;
import org.compliancebot.bot.evidence.matrix.RoomHistoryExtractor;
import org.compliancebot.bot.evidence.packet.PacketContent;
import org.compliancebot.bot.evidence.packet.PacketWriter;
import org.compliancebot.bot.evidence.store.ConsistencyChecker;
import org.compliancebot.bot.evidence.store.EvidenceLedger;
import org.compliancebot.bot.evidence.store.PacketExporter;
import org.compliancebot.bot.evidence.store.SigningKeys;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.e2ee.StoreKey;
import org.compliancebot.bridge.e2ee.StoredRoomKeys;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code evidence export|extract|check}: the evidence log from the command line, on the bot's database. */
@Command(name = "evidence", mixinStandardHelpOptions = true, description = "Export audit packets, extract room history, check the log.",
        subcommands = {EvidenceCommand.Export.class, EvidenceCommand.Extract.class, EvidenceCommand.Check.class})
public final class EvidenceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The bot's database and log, opened from the configuration. */
    static final class Opened implements AutoCloseable {
        final BotConfig config;
        final Database db;
        final EvidenceLedger ledger;
        final Ed25519KeyPair key;
        private final Secrets secrets;

        Opened(Path configFile, Secrets secrets) {
            config = new ConfigLoader().load(configFile);
            this.secrets = secrets;
            db = Database.open(config.database().url(), config.database().user(),
                    config.database().url().startsWith("jdbc:postgresql:")
                            ? secrets.require(Secrets.DATABASE_PASSWORD, "PostgreSQL needs a password") : null);
            EvidenceLedger.migrate(db);
            key = SigningKeys.loadOrCreate(db, SigningKeys.source(secrets), new SecureRandom(), Clock.systemUTC());
            EvidenceSettings ev = config.evidence() == null ? EvidenceSettings.defaults() : config.evidence();
            ledger = new EvidenceLedger(db, new TreeHeadSigner(key, config.bot().userId()), Clock.systemUTC(),
                    ev.tsaUrl() == null ? null : new HttpTimestampAuthority(java.net.URI.create(ev.tsaUrl())));
        }

        /** The crypto store's sessions, when the store key and the bot's device id are configured. */
        SessionExportSource roomKeys(PrintWriter err) {
            StoredRoomKeys keys = storedKeys(err, "Megolm session exports", "none included");
            return keys == null ? SessionExportSource.none() : CryptoStoreSessions.of(keys);
        }

        /** Decryption with the crypto store's room keys, when the store key and the bot's device id are configured. */
        EventDecryptor decryptor(PrintWriter err) {
            StoredRoomKeys keys = storedKeys(err, "Decrypting encrypted events",
                    "encrypted events are recorded as ciphertext, marked undecryptable");
            return keys == null ? EventDecryptor.none() : CryptoStoreDecryptor.of(keys);
        }

        private StoredRoomKeys storedKeys(PrintWriter err, String what, String otherwise) {
            String storeKey = secrets.get(Secrets.STORE_KEY).orElse(null);
            if (storeKey == null || config.bot().deviceId() == null) {
                err.println(what + " needs the crypto store (" + Secrets.STORE_KEY + " and bot.device_id): " + otherwise + ".");
                return null;
            }
            Migrations.migrate(db, "bridge", EvidenceCommand.class.getClassLoader());
            return new StoredRoomKeys(db, StoreKey.parse(storeKey), UserId.of(config.bot().userId()),
                    DeviceId.of(config.bot().deviceId()), Clock.systemUTC());
        }

        @Override
        public void close() {
            db.close();
        }
    }

    /** Progress on stderr, one line rewritten in place. */
    static ExportProgress progress(PrintWriter err) {
        return (phase, done, total) -> {
            err.print("\r" + phase + ": " + done + (total > 0 ? " / " + total : "") + "        ");
            err.flush();
        };
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write an audit packet (a directory and a zip).")
    static final class Export implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, defaultValue = "config.yaml", description = "Path of the YAML configuration.")
        Path config;

        static final class Scope {
            @Option(names = "--incident", description = "Records linked to an incident id.") String incident;
            @Option(names = "--cr", description = "Records linked to a change request id.") String cr;
            @Option(names = "--control", description = "Records linked to a control id, e.g. ISO27001-9.4.3.") String control;
            @Option(names = "--room", description = "Records of a room id (with --from and --to).") String room;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Scope scope;

        @Option(names = "--from", description = "Start of the time range (ISO-8601, e.g. 2025-10-01T00:00:00Z).") Instant from;
        @Option(names = "--to", description = "End of the time range (exclusive).") Instant to;
        @Option(names = {"-o", "--out"}, required = true, description = "The packet directory to create; the zip is written beside it.") Path out;
        @Option(names = "--megolm", negatable = true, description = "Include Megolm session exports (default: on for incidents).") Boolean megolm;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ExportScope s;
            if (scope.incident != null) {
                s = new ExportScope.Incident(scope.incident);
            } else if (scope.cr != null) {
                s = new ExportScope.ChangeRequest(scope.cr);
            } else if (scope.control != null) {
                s = new ExportScope.Control(scope.control);
            } else {
                s = new ExportScope.Room(RoomId.of(scope.room).value(), from == null ? Instant.EPOCH : from,
                        to == null ? Instant.now() : to);
            }
            PrintWriter err = spec.commandLine().getErr();
            try (Opened o = new Opened(config, Secrets.fromEnvironment())) {
                boolean includeMegolm = megolm != null ? megolm : (s instanceof ExportScope.Incident
                        && (o.config.evidence() == null || o.config.evidence().megolmExports()));
                SessionExportSource sessions = includeMegolm ? o.roomKeys(err) : SessionExportSource.none();
                PacketContent content = new PacketExporter(o.ledger, sessions, Clock.systemUTC())
                        .build(s, includeMegolm, Map.of(), progress(err));
                Path zip = new PacketWriter(o.ledger.signer()).write(content, out);
                err.println();
                spec.commandLine().getOut().println("Wrote " + content.records().size() + " records to " + out + " and " + zip);
                return 0;
            }
        }
    }

    @Command(name = "extract", mixinStandardHelpOptions = true, description = "Read a room's history into the log.")
    static final class Extract implements Callable<Integer> {
        private final Secrets secrets;

        Extract() {
            this(Secrets.fromEnvironment());
        }

        Extract(Secrets secrets) {
            this.secrets = secrets;
        }

        @Option(names = {"-c", "--config"}, defaultValue = "config.yaml", description = "Path of the YAML configuration.") Path config;
        @Option(names = "--room", required = true, description = "The room id.") String room;
        @Option(names = "--from", description = "Start (ISO-8601).") Instant from;
        @Option(names = "--to", description = "End, exclusive (ISO-8601).") Instant to;
        @Option(names = "--incident", description = "Link every record to this incident.") String incident;
        @Option(names = "--cr", description = "Link every record to this change request.") String cr;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Opened o = new Opened(config, secrets)) {
                MatrixClient client = MatrixClient.create(o.config.homeserver().url());
                var token = secrets.get(Secrets.ACCESS_TOKEN);
                if (token.isPresent()) {
                    client.useAccessToken(token.get());
                } else {
                    client.login(UserId.of(o.config.bot().userId()), secrets.require(Secrets.PASSWORD, "needed to read the room"),
                            DeviceId.of(o.config.bot().deviceId()), o.config.bot().displayName());
                }
                EvidenceLinks links = EvidenceLinks.none();
                if (incident != null) {
                    links = links.plusIncident(incident);
                }
                if (cr != null) {
                    links = links.plusChangeRequest(cr);
                }
                var result = new RoomHistoryExtractor(client, o.ledger, o.decryptor(spec.commandLine().getErr()), Clock.systemUTC())
                        .extract(RoomId.of(room), from, to, links, progress(spec.commandLine().getErr()));
                spec.commandLine().getErr().println();
                spec.commandLine().getOut().println("Read " + result.eventsRead() + " events, appended " + result.appended().size()
                        + " new records; log size " + o.ledger.size());
                client.transport().shutdown();
                return 0;
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Recompute the log against its signed heads.")
    static final class Check implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, defaultValue = "config.yaml", description = "Path of the YAML configuration.") Path config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Opened o = new Opened(config, Secrets.fromEnvironment())) {
                var report = new ConsistencyChecker(o.db, o.key.publicKey(), (k, summary, detail) -> { }).check();
                PrintWriter out = spec.commandLine().getOut();
                out.println(report.records() + " records, " + report.heads() + " signed heads, key " + o.key.publicKey().toBase64());
                report.problems().forEach(p -> out.println("PROBLEM " + p));
                out.println(report.ok() ? "OK" : "BROKEN");
                return report.ok() ? 0 : 1;
            }
        }
    }

}
