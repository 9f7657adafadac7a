package org.compliancebot.bot.app;

/**
 * A feature of the bot (incidents, change requests, watchdog, evidence, HTTP). Modules are started in
 * order after the store, session, outbox and router exist and before the sync loop starts, and are
 * stopped in reverse order after the loop has stopped.
 *
 * <p>Contract: {@link #start} registers commands and listeners on {@link BotContext#router()} and runs
 * its own migrations; it must not block. {@link #stop} must not throw.
 */
public interface BotModule {
    /** A short name for logs. */
    String name();

    void start(BotContext context) throws Exception;

    default void stop() {}
}
