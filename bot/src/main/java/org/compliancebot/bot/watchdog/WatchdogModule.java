package org.compliancebot.bot.watchdog;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bot.app.EventRouter;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ConfigException;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.config.WatchdogConfig;
import org.compliancebot.bot.watchdog.domain.AlertParser;
import org.compliancebot.bot.watchdog.domain.Deduplicator;
import org.compliancebot.bot.watchdog.domain.EscalationPolicy;
import org.compliancebot.bot.watchdog.domain.Level;
import org.compliancebot.bot.watchdog.domain.SeverityMap;
import org.compliancebot.bot.watchdog.domain.TaskScheduler;
import org.compliancebot.bot.watchdog.matrix.AckHandler;
import org.compliancebot.bot.watchdog.matrix.AlertPoster;
import org.compliancebot.bot.watchdog.matrix.RatePacer;
import org.compliancebot.bot.watchdog.matrix.WatchdogRooms;
import org.compliancebot.bot.watchdog.selfcheck.HealthProbe;
import org.compliancebot.bot.watchdog.selfcheck.SelfChecks;
import org.compliancebot.bot.watchdog.store.AlertStore;
import org.compliancebot.bot.watchdog.store.RoomCheckStore;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.outbox.Outbox;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;
import org.compliancebot.bridge.sync.SyncEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchdog, wired from the configuration: alert store, dedup and escalation, the poster with its
 * pacing, the {@code !ack} command and ✅ reactions, and the self-checks with their timers.
 * {@link #create} registers the chat handlers (before sync starts); {@link #start} starts the loops.
 */
public final class WatchdogModule implements AutoCloseable {
    /** The chat command that acknowledges an alert. */
    public static final String ACK_COMMAND = "ack";
    private static final Logger log = LoggerFactory.getLogger(WatchdogModule.class);

    private final WatchdogConfig config;
    private final Database db;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final AutoCloseable ownScheduler;
    private final WatchdogService service;
    private final AlertPoster poster;
    private final SelfChecks selfChecks;
    private final WatchdogRooms rooms;
    private final RatePacer pacer;
    private final Map<String, WebhookSource> sources;
    private final List<TaskScheduler.Handle> timers = new java.util.ArrayList<>();
    private final IngestQueue ingest;

    private WatchdogModule(WatchdogConfig config, Database db, Clock clock, TaskScheduler scheduler, AutoCloseable ownScheduler,
                           WatchdogService service, AlertPoster poster, SelfChecks selfChecks, WatchdogRooms rooms, RatePacer pacer,
                           Map<String, WebhookSource> sources) {
        this.config = config;
        this.db = db;
        this.clock = clock;
        this.scheduler = scheduler;
        this.ownScheduler = ownScheduler;
        this.service = service;
        this.poster = poster;
        this.selfChecks = selfChecks;
        this.rooms = rooms;
        this.pacer = pacer;
        this.sources = sources;
        this.ingest = new IngestQueue(db, service);
    }

    /**
     * Builds the module and registers its chat handlers on the router. Returns empty when the
     * configuration has no {@code watchdog:} section. {@code scheduler} may be null for the default one.
     */
    public static Optional<WatchdogModule> create(BotConfig config, Secrets secrets, Clock clock, TaskScheduler scheduler, Database db,
                                                  MatrixClient client, Outbox outbox, EventRouter router, UserId self) {
        WatchdogConfig w = config.watchdog();
        if (w == null) {
            return Optional.empty();
        }
        Migrations.migrate(db, "watchdog", WatchdogModule.class.getClassLoader());
        ExecutorTaskScheduler own = scheduler == null ? new ExecutorTaskScheduler(clock) : null;
        TaskScheduler timers = scheduler == null ? own : scheduler;
        AlertStore store = new AlertStore();
        WatchdogService service = new WatchdogService(db, store, new Deduplicator(Duration.ofMinutes(w.dedupWindowMinutes())),
                new EscalationPolicy(Duration.ofMinutes(w.escalationMinutes())), clock, timers, w.openIncidentOnCritical());
        WatchdogRooms rooms = new WatchdogRooms(client, config.rooms().get("security_monitoring"), config.rooms().get("human_oversight"));
        if (config.rooms().get("security_monitoring") == null) {
            throw new ConfigException("configuration key 'rooms.security_monitoring' is missing: the watchdog posts alerts there");
        }
        List<String> overseers = config.roles().getOrDefault("human_overseer", List.of());
        AlertPoster poster = new AlertPoster(db, store, outbox, rooms, client.mapper(), w.pacing().digestThreshold(),
                w.pacing().digestMaxAlerts(), Duration.ofMinutes(w.escalationMinutes()), overseers, clock);
        service.onWork(poster::wake);
        RatePacer pacer = new RatePacer(w.pacing().messagesPerSecond(), w.pacing().burst(),
                client.transport()::rateLimitedCount);
        outbox.setPacer(pacer);
        SelfChecks checks = new SelfChecks(db, store, service, client, clock,
                Duration.ofMinutes(w.selfCheck().approvalPendingMinutes()), w.selfCheck().messageVolumePerHour());
        AckHandler ack = new AckHandler(service, self, config.homeserver().serverName(), clock);
        router.command(ACK_COMMAND, AckHandler.USAGE, ack.command());
        router.listener(ack.reactions());
        return Optional.of(new WatchdogModule(w, db, clock, timers, own, service, poster, checks, rooms, pacer, sources(w, secrets)));
    }

    private static Map<String, WebhookSource> sources(WatchdogConfig w, Secrets secrets) {
        Map<String, Level> extra = new LinkedHashMap<>();
        w.severityMap().forEach((k, v) -> extra.put(k, Level.parse(v).orElseThrow()));
        SeverityMap severities = new SeverityMap(extra, Level.parse(w.defaultLevel()).orElseThrow());
        Map<String, WebhookSource> out = new LinkedHashMap<>();
        w.sources().forEach((name, s) -> {
            String key = "watchdog.sources." + name;
            byte[] tokenSha = null;
            byte[] hmac = null;
            if (s.tokenSha256() != null) {
                tokenSha = HexFormat.of().parseHex(s.tokenSha256());
            } else if (s.tokenEnv() != null) {
                tokenSha = WebhookSource.sha256(secrets.require(s.tokenEnv(), "the bearer token of " + key)
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                hmac = secrets.require(s.hmacSecretEnv(), "the HMAC secret of " + key).getBytes(StandardCharsets.UTF_8);
            }
            out.put(name, new WebhookSource(name, s.type(), AlertParser.forType(s.type(), severities), tokenSha, hmac, s.hmacHeader()));
        });
        return Map.copyOf(out);
    }

    /** Starts posting, the escalation timers and the self-checks. The sync engine feeds the sync-loop probe. */
    public void start(SyncEngine engine) {
        if (engine != null) {
            selfChecks.addProbe(new SyncLoopProbe(engine, clock));
        }
        poster.start();
        service.escalateDue();
        service.scheduleEscalations();
        timers.add(scheduler.every(Duration.ofMinutes(1), service::escalateDue));
        if (config.selfCheck().enabled()) {
            timers.add(scheduler.at(clock.instant(), selfChecks::checkRooms));
            timers.add(scheduler.every(Duration.ofMinutes(config.selfCheck().intervalMinutes()), selfChecks::checkRooms));
            timers.add(scheduler.every(Duration.ofMinutes(1), () -> {
                selfChecks.checkProbes();
                selfChecks.checkApprovals();
                selfChecks.checkMessageVolume();
            }));
        }
        log.atInfo().addKeyValue("sources", sources.keySet()).addKeyValue("pacing_per_second", config.pacing().messagesPerSecond())
                .log("Watchdog started");
    }

    public WatchdogService service() {
        return service;
    }

    /** Where webhook requests hand over their alerts (group commit). */
    public IngestQueue ingest() {
        return ingest;
    }

    public SelfChecks selfChecks() {
        return selfChecks;
    }

    public AlertPoster poster() {
        return poster;
    }

    public WatchdogRooms rooms() {
        return rooms;
    }

    public RatePacer pacer() {
        return pacer;
    }

    /** The configured webhook source of that name. */
    public Optional<WebhookSource> source(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    /** Encryption and retention coverage of the managed rooms, once checked. */
    public Optional<RoomCheckStore.Coverage> coverage() {
        RoomCheckStore store = new RoomCheckStore();
        return db.inTransaction(store::coverage);
    }

    /** A probe for another module's part (e.g. the crypto store). */
    public void addProbe(HealthProbe probe) {
        selfChecks.addProbe(probe);
    }

    @Override
    public void close() {
        timers.forEach(TaskScheduler.Handle::cancel);
        ingest.close();
        poster.close();
        if (ownScheduler != null) {
            try {
                ownScheduler.close();
            } catch (Exception e) {
                log.warn("Closing the watchdog timers failed: {}", e.getMessage());
            }
        }
    }
}
