package org.compliancebot.bot.incident.matrix;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.Optional;
import org.compliancebot.bot.app.ChatCommand;
import org.compliancebot.bot.app.EventRouter;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentCommand;
import org.compliancebot.bot.incident.IncidentCommandParser;
import org.compliancebot.bot.incident.IncidentDesk;
import org.compliancebot.bot.incident.IncidentReply;
import org.compliancebot.bot.incident.IncidentStore;
import org.compliancebot.bridge.event.RoomEvent;

/**
 * The incident commands on the event router. {@code !incident open} works in the command rooms; the
 * other commands work in incident rooms and stay silent elsewhere (another feature may use the same
 * word). Each command runs inside a savepoint of the sync transaction, so a command that fails half
 * way leaves nothing behind.
 */
final class IncidentChatCommands {
    private final IncidentDesk desk;
    private final IncidentStore store;
    private final CommandRooms commandRooms;

    IncidentChatCommands(IncidentDesk desk, IncidentStore store, CommandRooms commandRooms) {
        this.desk = desk;
        this.store = store;
        this.commandRooms = commandRooms;
    }

    void register(EventRouter router) {
        for (String name : IncidentCommandParser.NAMES) {
            router.command(name, IncidentCommandParser.usage(name),
                    (message, args, tx) -> guarded(tx, () -> handle(name, message, args)));
        }
    }

    private ChatCommand.Reply handle(String name, RoomEvent message, String args) {
        Optional<Incident> incident = store.findByRoom(message.roomId());
        boolean commandRoom = commandRooms.contains(message.roomId());
        if (incident.isEmpty() && !(name.equals("incident") && commandRoom)) {
            if (name.equals("incident")) {
                return ChatCommand.Reply.text("Incidents are opened in the security rooms configured under "
                        + "incident.command_rooms, not here.");
            }
            return null;
        }
        IncidentReply reply = switch (IncidentCommandParser.parse(name, args)) {
            case IncidentCommandParser.Result.Invalid bad -> IncidentReply.text(bad.message() + " Nothing was changed.");
            case IncidentCommandParser.Result.Ok ok when incident.isEmpty() -> outside(ok.command(), message);
            case IncidentCommandParser.Result.Ok ok -> desk.handle(incident.get(), ok.command(), message.sender(),
                    message.eventId(), Instant.ofEpochMilli(message.originServerTs()));
        };
        return new ChatCommand.Reply(reply.body(), reply.html());
    }

    private IncidentReply outside(IncidentCommand command, RoomEvent message) {
        if (command instanceof IncidentCommand.Open open) {
            return desk.open(open, message.sender(), message.eventId());
        }
        return IncidentReply.text(IncidentCommandParser.help());
    }

    private interface Work {
        ChatCommand.Reply run();
    }

    private static ChatCommand.Reply guarded(Connection tx, Work work) throws SQLException {
        Savepoint sp = tx.setSavepoint();
        try {
            ChatCommand.Reply r = work.run();
            tx.releaseSavepoint(sp);
            return r;
        } catch (RuntimeException e) {
            tx.rollback(sp);
            throw e;
        }
    }
}
