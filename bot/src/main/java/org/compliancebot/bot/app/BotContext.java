package org.compliancebot.bot.app;

import java.time.Clock;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.Session;
import org.compliancebot.bridge.outbox.Outbox;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.sync.SyncEngine;

/**
 * What the running bot offers its modules. The sync engine is available to modules for health checks;
 * it is started only after every module has started.
 */
public record BotContext(BotConfig config, Secrets secrets, Clock clock, Database database, MatrixClient client,
                         Session session, Outbox outbox, EventRouter router, SyncEngine syncEngine) {
    @Override
    public String toString() {
        return "BotContext[" + session + "]";
    }
}
