package org.compliancebot.bot.change.matrix;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;
import org.compliancebot.bot.app.ChatCommand;
import org.compliancebot.bot.app.EventRouter;
import org.compliancebot.bot.change.command.CommandHandler;
import org.compliancebot.bot.change.command.CommandParser;
import org.compliancebot.bot.change.store.ChangeStore;
import org.compliancebot.bot.oversight.RenderedMessage;
import org.compliancebot.bridge.event.RoomEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code !cr ...} in the bot's rooms. Each command runs inside the sync batch's
 * transaction, so its effects, the notifications it queues and its threaded reply commit together.
 */
public final class ChangeCommands {
    private static final Logger log = LoggerFactory.getLogger(ChangeCommands.class);

    private final ChangeStore store;
    private final CommandHandler handler;
    private final NotificationDispatcher dispatcher;

    ChangeCommands(ChangeStore store, NotificationDispatcher dispatcher) {
        this.store = store;
        this.handler = new CommandHandler(store.service());
        this.dispatcher = dispatcher;
    }

    /** The chat commands this module answers. */
    public static final java.util.List<String> NAMES = java.util.List.of("cr");

    void register(EventRouter router) {
        router.command(NAMES.get(0), CommandParser.usage(), (msg, args, tx) -> run(msg, "!cr " + args, tx));
    }

    private ChatCommand.Reply run(RoomEvent msg, String text, Connection tx) throws SQLException {
        Savepoint sp = tx.setSavepoint();
        try {
            Optional<RenderedMessage> reply = store.inTransaction(s -> handler.handle(msg.sender(), text));
            dispatcher.dispatch();
            tx.releaseSavepoint(sp);
            return reply.map(r -> new ChatCommand.Reply(r.plain(), r.html())).orElse(null);
        } catch (RuntimeException e) {
            tx.rollback(sp);
            log.error("Command from {} failed", msg.sender(), e);
            return ChatCommand.Reply.text("Sorry, that failed and nothing was changed: " + e.getMessage());
        }
    }
}
