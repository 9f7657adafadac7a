package org.compliancebot.bot.app;

import java.time.Clock;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.http.HttpServerModule;
import org.compliancebot.bot.watchdog.WatchdogModule;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.Session;
import org.compliancebot.bridge.e2ee.E2ee;
import org.compliancebot.bridge.outbox.Outbox;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.sync.SyncEngine;

/**
 * What the running bot offers its modules. The sync engine is available to modules for health checks;
 * it is started only after every module has started. The HTTP server already listens when modules
 * start (its routes answer 503 until a module registers the service behind them); the watchdog is
 * built but starts posting and checking only after every module has started.
 *
 * @param e2ee     the bot's end-to-end encryption; null only in tests that run without it
 * @param watchdog null when the configuration has no {@code watchdog:} section
 * @param http     null when the configuration has no {@code http:} section
 */
public record BotContext(BotConfig config, Secrets secrets, Clock clock, Database database, MatrixClient client,
                         Session session, Outbox outbox, EventRouter router, SyncEngine syncEngine, E2ee e2ee,
                         WatchdogModule watchdog, HttpServerModule http) {

    /** A context without encryption, watchdog or HTTP server. */
    public BotContext(BotConfig config, Secrets secrets, Clock clock, Database database, MatrixClient client,
                      Session session, Outbox outbox, EventRouter router, SyncEngine syncEngine) {
        this(config, secrets, clock, database, client, session, outbox, router, syncEngine, null, null, null);
    }

    @Override
    public String toString() {
        return "BotContext[" + session + "]";
    }
}
