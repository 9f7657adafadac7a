package org.compliancebot.bot.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ConfigException;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.http.HttpServerModule;
import org.compliancebot.bot.watchdog.WatchdogModule;
import org.compliancebot.bot.watchdog.domain.TaskScheduler;
import org.compliancebot.bridge.api.HttpTransport;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.RetryPolicy;
import org.compliancebot.bridge.api.Session;
import org.compliancebot.bridge.crypto.machine.SharingPolicy;
import org.compliancebot.bridge.e2ee.CryptoStartupException;
import org.compliancebot.bridge.e2ee.E2ee;
import org.compliancebot.bridge.e2ee.StoreKey;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.outbox.Outbox;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;
import org.compliancebot.bridge.sync.SyncEngine;
import org.compliancebot.bridge.sync.SyncOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot: database, Matrix session, sync engine, outbox and the event router, wired from the
 * configuration. {@link #start()} returns once the loops run; {@link #stop()} ends them cleanly, finishing
 * the batch in hand and saving the sync position.
 */
public final class BotApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BotApplication.class);

    private final BotConfig config;
    private final Secrets secrets;
    private final Clock clock;
    private Database db;
    private MatrixClient client;
    private Outbox outbox;
    private EventRouter router;
    private SyncEngine engine;
    private final java.util.List<BotModule> modules = new java.util.ArrayList<>();
    private final java.util.List<BotModule> started = new java.util.ArrayList<>();
    private E2ee e2ee;
    private WatchdogModule watchdog;
    private HttpServerModule http;
    private TaskScheduler watchdogScheduler;
    private final CountDownLatch done = new CountDownLatch(1);

    public BotApplication(BotConfig config, Secrets secrets, Clock clock) {
        this.config = config;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Opens the store, logs in, sets up end-to-end encryption and starts syncing. Refuses to start, with
     * a message naming the problem, when the crypto store key is missing or wrong or the crypto store
     * does not match the bot's device on the homeserver.
     */
    public void start() {
        StoreKey storeKey = storeKey();
        try {
            startWith(storeKey);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private StoreKey storeKey() {
        String text = secrets.require(Secrets.STORE_KEY,
                "it encrypts the crypto store; generate one with: openssl rand -base64 32, and keep it safe");
        try {
            return StoreKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Secrets.STORE_KEY + ": " + e.getMessage());
        }
    }

    private void startWith(StoreKey storeKey) {
        db = Database.open(config.database().url(), config.database().user(),
                config.database().url().startsWith("jdbc:postgresql:")
                        ? secrets.require(Secrets.DATABASE_PASSWORD, "PostgreSQL needs a password") : null);
        Migrations.migrate(db, "bridge", BotApplication.class.getClassLoader());
        Migrations.migrate(db, "bot", BotApplication.class.getClassLoader());
        client = new MatrixClient(new HttpTransport(config.homeserver().url(), new ObjectMapper()), RetryPolicy.DEFAULT);
        Session session = login();
        log.info("Signed in as {} on device {}", session.userId(), session.deviceId());
        e2ee = new E2ee(client, db, storeKey, SharingPolicy.CROSS_SIGNED_ONLY, clock);
        try {
            e2ee.start(() -> secrets.get(Secrets.PASSWORD));
        } catch (CryptoStartupException e) {
            throw new CryptoStartupException(e.getMessage() + " (store key: " + Secrets.STORE_KEY + ")", e);
        }
        outbox = new Outbox(db, client, clock);
        outbox.setTransformer(e2ee.transformer());
        router = new EventRouter(session.userId(), outbox, clock);
        SyncOptions options = SyncOptions.defaults(config.homeserver().serverName())
                .withTimelineLimit(config.sync().timelineLimit())
                .withPollTimeout(Duration.ofSeconds(config.sync().pollTimeoutSeconds()))
                .withInviteAllowed(invitePolicy());
        watchdog = WatchdogModule.create(config, secrets, clock, watchdogScheduler, db, client, outbox, router, session.userId()).orElse(null);
        engine = new SyncEngine(client, db, e2ee.wrap(router), options, clock);
        if (config.http() != null) {
            http = HttpServerModule.start(config.http(), secrets, clock, db, client, outbox, engine, watchdog);
        }
        BotContext context = new BotContext(config, secrets, clock, db, client, session, outbox, router, engine, e2ee,
                watchdog, http);
        for (BotModule module : modules) {
            try {
                module.start(context);
                started.add(module);
                log.info("Module {} started", module.name());
            } catch (Exception e) {
                throw new IllegalStateException("module " + module.name() + " failed to start: " + e.getMessage(), e);
            }
        }
        // After the modules: they hand the watchdog its incident trigger, approval feed and probes first.
        if (watchdog != null) {
            watchdog.start(engine);
        }
        outbox.start();
        engine.start();
    }

    /** Adds a feature module; call before {@link #start()}. */
    public BotApplication with(BotModule module) {
        modules.add(module);
        return this;
    }

    private Predicate<UserId> invitePolicy() {
        if (config.sync().inviteAllow().isEmpty()) {
            String local = config.homeserver().serverName();
            return u -> u.server().equals(local);
        }
        Set<String> allowed = config.sync().inviteAllow().stream().collect(Collectors.toUnmodifiableSet());
        return u -> allowed.contains(u.value());
    }

    private Session login() {
        UserId user = UserId.of(config.bot().userId());
        var token = secrets.get(Secrets.ACCESS_TOKEN);
        if (token.isPresent()) {
            Session s = client.useAccessToken(token.get());
            if (!s.userId().equals(user)) {
                throw new ConfigException("the access token in " + Secrets.ACCESS_TOKEN + " belongs to " + s.userId()
                        + ", not to bot.user_id " + user);
            }
            return s;
        }
        String password = secrets.require(Secrets.PASSWORD, "needed to sign in as " + user);
        return client.login(user, password, DeviceId.of(config.bot().deviceId()), config.bot().displayName());
    }

    public MatrixClient client() {
        return client;
    }

    public Database database() {
        return db;
    }

    public Outbox outbox() {
        return outbox;
    }

    public EventRouter router() {
        return router;
    }

    public SyncEngine syncEngine() {
        return engine;
    }

    /** End-to-end encryption of the bot's device. */
    public E2ee e2ee() {
        return e2ee;
    }

    /** The watchdog, or null when the configuration has no {@code watchdog:} section. */
    public WatchdogModule watchdog() {
        return watchdog;
    }

    /** The HTTP server, or null when the configuration has no {@code http:} section. */
    public HttpServerModule http() {
        return http;
    }

    /** Replaces the watchdog's timers (tests drive them in fake time); call before {@link #start()}. */
    public void useWatchdogScheduler(TaskScheduler scheduler) {
        this.watchdogScheduler = scheduler;
    }

    /** Blocks until {@link #stop()} has run. */
    public void awaitStop() throws InterruptedException {
        done.await();
    }

    /** Stops the sync loop (finishing and committing the batch in hand), then the sender, then the store. */
    public synchronized void stop() {
        if (done.getCount() == 0) {
            return;
        }
        log.info("Stopping: finishing the current batch and saving the sync position");
        if (http != null) {
            http.close();
        }
        if (watchdog != null) {
            watchdog.close();
        }
        if (engine != null && !engine.stop(Duration.ofSeconds(30))) {
            log.warn("The sync loop did not stop within 30 s");
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).stop();
            } catch (RuntimeException e) {
                log.warn("Module {} did not stop cleanly: {}", started.get(i).name(), e.getMessage());
            }
        }
        if (outbox != null) {
            outbox.close();
        }
        if (e2ee != null) {
            e2ee.close();
        }
        if (client != null) {
            client.transport().shutdown();
        }
        if (db != null) {
            db.close();
        }
        done.countDown();
        log.info("Stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
