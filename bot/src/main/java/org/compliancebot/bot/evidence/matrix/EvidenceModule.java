package org.compliancebot.bot.evidence.matrix;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.compliancebot.bot.app.BotContext;
import org.compliancebot.bot.app.BotModule;
import org.compliancebot.bot.config.EvidenceSettings;
import org.compliancebot.bot.evidence.AlertSink;
import org.compliancebot.bot.evidence.EventDecryptor;
import org.compliancebot.bot.evidence.RoomAccess;
import org.compliancebot.bot.evidence.SessionExportSource;
import org.compliancebot.bot.evidence.TreeHeadSigner;
import org.compliancebot.bot.evidence.store.CaptureQueue;
import org.compliancebot.bot.evidence.store.ConsistencyChecker;
import org.compliancebot.bot.evidence.store.DiscussionIndex;
import org.compliancebot.bot.evidence.store.DiscussionSearch;
import org.compliancebot.bot.evidence.store.EvidenceLedger;
import org.compliancebot.bot.evidence.store.PacketExporter;
import org.compliancebot.bot.evidence.store.SigningKeys;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bot.roles.RoleDirectory;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.id.RoomAlias;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence feature in the running bot: opens the log (migrations, sealed signing key), watches the
 * monitored rooms, registers {@code !evidence}, and runs the capture worker, the witness poster and the
 * periodic consistency check on one background thread.
 */
public final class EvidenceModule implements BotModule {
    /** The chat command of the module ({@code !evidence validate|dismiss ...}). */
    public static final String COMMAND = "evidence";
    private static final Logger log = LoggerFactory.getLogger(EvidenceModule.class);
    private EventDecryptor decryptor;
    private ScheduledExecutorService scheduler;
    private EvidenceLedger ledger;
    private DiscussionSearch search;
    private RoomAccess access;
    private ConsistencyChecker checker;
    private RoleDirectory roles;
    private SessionExportSource sessions = SessionExportSource.none();
    private Clock clock;
    private org.compliancebot.bridge.api.MatrixClient client;

    /** Decrypts history with the bot's crypto store (when it runs with end-to-end encryption). */
    public EvidenceModule() {
        this(null);
    }

    /** @param decryptor decrypts events read from room history; null for the bot's crypto store */
    public EvidenceModule(EventDecryptor decryptor) {
        this.decryptor = decryptor;
    }

    @Override
    public String name() {
        return "evidence";
    }

    @Override
    public void start(BotContext ctx) {
        EvidenceSettings settings = ctx.config().evidence() == null ? EvidenceSettings.defaults() : ctx.config().evidence();
        EvidenceLedger.migrate(ctx.database());
        Ed25519KeyPair key = SigningKeys.loadOrCreate(ctx.database(), SigningKeys.source(ctx.secrets()), new SecureRandom(), ctx.clock());
        log.info("Evidence log key (Ed25519, publish it for auditors): {}", key.publicKey().toBase64());
        ledger = new EvidenceLedger(ctx.database(), new TreeHeadSigner(key, ctx.session().userId().value()), ctx.clock(),
                settings.tsaUrl() == null ? null : new HttpTimestampAuthority(URI.create(settings.tsaUrl())));
        roles = roles(ctx);
        sessions = CryptoStoreSessions.of(ctx.e2ee());
        if (decryptor == null) {
            decryptor = CryptoStoreDecryptor.of(ctx.e2ee());
        }
        clock = ctx.clock();
        client = ctx.client();
        Set<String> monitored = new LinkedHashSet<>();
        for (String r : settings.monitoredRooms()) {
            resolve(ctx, r).ifPresent(id -> monitored.add(id.value()));
        }
        DiscussionIndex index = new DiscussionIndex(ctx.database());
        access = new RoomAccess(new MatrixMembership(ctx.client(), ctx.clock()));
        search = new DiscussionSearch(index, monitored, access);
        ctx.router().listener(new MonitoredRoomListener(monitored, ctx.session().userId(), index, new CaptureQueue(), decryptor, ctx.clock()));
        ctx.router().command(COMMAND, EvidenceCommands.USAGE, new EvidenceCommands(ledger, roles, ctx.clock()));
        AlertSink alerts = alertSink(ctx);
        checker = new ConsistencyChecker(ctx.database(), key.publicKey(), alerts);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "evidence");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(new CaptureWorker(ctx.client(), ledger, decryptor, ctx.clock()), 1, 2, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(checker::check, 1, settings.checkIntervalMinutes() * 60L, TimeUnit.SECONDS);
        String audit = settings.auditRoom() != null ? settings.auditRoom() : ctx.config().rooms().get("audit");
        if (settings.witnessIntervalMinutes() > 0 && audit != null) {
            resolve(ctx, audit).ifPresent(room -> scheduler.scheduleWithFixedDelay(new WitnessPoster(ledger, ctx.outbox(), room),
                    settings.witnessIntervalMinutes(), settings.witnessIntervalMinutes() * 60L, TimeUnit.SECONDS));
        }
        log.info("Evidence: {} monitored room(s), witness every {} min", monitored.size(), settings.witnessIntervalMinutes());
    }

    private static RoleDirectory roles(BotContext ctx) {
        RoleDirectory.Builder b = RoleDirectory.forServer(ctx.config().homeserver().serverName());
        for (Map.Entry<String, List<String>> e : ctx.config().roles().entrySet()) {
            Role.parse(e.getKey()).ifPresent(role -> b.grant(role, e.getValue().toArray(String[]::new)));
        }
        return b.build();
    }

    private static Optional<RoomId> resolve(BotContext ctx, String room) {
        try {
            return room.startsWith("#") ? ctx.client().resolveAlias(RoomAlias.of(room)) : Optional.of(RoomId.of(room));
        } catch (RuntimeException e) {
            log.warn("Evidence: cannot resolve room {}: {}", room, e.getMessage());
            return Optional.empty();
        }
    }

    private static AlertSink alertSink(BotContext ctx) {
        String monitoring = ctx.config().rooms().get("security_monitoring");
        return (key, summary, detail) -> {
            log.error("{}\n{}", summary, detail);
            if (monitoring != null) {
                resolve(ctx, monitoring).ifPresent(room -> {
                    var content = ctx.client().mapper().createObjectNode().put("msgtype", "m.text")
                            .put("body", "ALERT: " + summary + "\n" + detail);
                    try {
                        ctx.outbox().send(key + ":" + ctx.clock().millis(), room, "m.room.message", content);
                    } catch (RuntimeException e) {
                        log.warn("The evidence alert could not be posted: {}", e.getMessage());
                    }
                });
            }
        };
    }

    public EvidenceLedger ledger() {
        return ledger;
    }

    /** {@code search_compliance_discussions}, for the HTTP/MCP layer. */
    public DiscussionSearch search() {
        return search;
    }

    /** Who may read which room's evidence (searches, listings, exports through the API). */
    public RoomAccess access() {
        return access;
    }

    /** The Megolm sessions of the bot's crypto store, for packets with {@code megolm-sessions.json}. */
    public SessionExportSource sessions() {
        return sessions;
    }

    /** Builds audit packets from the log, with session exports from the bot's crypto store when asked. */
    public PacketExporter exporter() {
        return new PacketExporter(ledger, sessions, clock);
    }

    /** Reads room histories into the log, for extraction on request (REST, MCP). */
    public RoomHistoryExtractor extractor() {
        return new RoomHistoryExtractor(client, ledger, decryptor, clock);
    }

    public ConsistencyChecker checker() {
        return checker;
    }

    /** True when {@code user} holds the auditor scope (sees every monitored room in searches). */
    public boolean isAuditor(UserId user) {
        return roles != null && roles.holds(user, Role.AUDITOR);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
