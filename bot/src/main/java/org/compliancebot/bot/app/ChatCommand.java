package org.compliancebot.bot.app;

import java.sql.Connection;
import java.sql.SQLException;
import org.compliancebot.bridge.event.RoomEvent;

/** A chat command such as {@code !ping}: gets the message and the batch transaction, returns a reply or null. */
@FunctionalInterface
public interface ChatCommand {
    /** A reply: plain text and optional HTML. */
    record Reply(String body, String html) {
        public static Reply text(String body) {
            return new Reply(body, null);
        }
    }

    Reply handle(RoomEvent message, String arguments, Connection tx) throws SQLException;
}
