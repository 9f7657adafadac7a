package org.compliancebot.bot.watchdog.matrix;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.compliancebot.bot.app.ChatCommand;
import org.compliancebot.bot.app.EventRouter.EventListener;
import org.compliancebot.bot.watchdog.WatchdogService;
import org.compliancebot.bot.watchdog.domain.AlertFormatter;
import org.compliancebot.bot.watchdog.domain.Rendered;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.UserId;

/**
 * Acknowledgements from chat: a {@code !ack} reply to an alert's message (or in its thread), {@code !ack 12 13}
 * naming alert numbers, or a ✅ reaction on the message. Recorded with the sender (the server-set user id)
 * and the time, inside the sync batch's transaction. Only local users other than the bot may acknowledge.
 */
public final class AckHandler {
    /** What {@code !help} lists for {@code !ack}. */
    public static final String USAGE = "!ack [<alert number> ...]: acknowledge a watchdog alert; reply to its message with"
            + " !ack (or react with \u2705), or give its number";
    /** The reaction keys that acknowledge: ✅ with and without the emoji variation selector. */
    static final Set<String> ACK_KEYS = Set.of("\u2705", "\u2705\uFE0F");

    private final WatchdogService service;
    private final UserId self;
    private final String localServer;
    private final java.time.Clock clock;
    private final AlertFormatter format = new AlertFormatter();

    public AckHandler(WatchdogService service, UserId self, String localServer, java.time.Clock clock) {
        this.service = service;
        this.self = self;
        this.localServer = localServer;
        this.clock = clock;
    }

    private boolean mayAcknowledge(UserId sender) {
        return !sender.equals(self) && sender.server().equals(localServer);
    }

    /** The {@code !ack} command. */
    public ChatCommand command() {
        return this::handleCommand;
    }

    ChatCommand.Reply handleCommand(RoomEvent message, String arguments, Connection tx) throws SQLException {
        if (!mayAcknowledge(message.sender())) {
            return ChatCommand.Reply.text("Only members of " + localServer + " can acknowledge alerts.");
        }
        List<Long> ids = new ArrayList<>();
        for (String part : arguments.split("[\\s,]+")) {
            String p = part.startsWith("#") ? part.substring(1) : part;
            if (p.isEmpty()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(p));
            } catch (NumberFormatException e) {
                return ChatCommand.Reply.text("Not an alert number: " + part + ". Reply to an alert with !ack, or give its number: !ack 12");
            }
        }
        String by = message.sender().value();
        List<Long> done;
        if (!ids.isEmpty()) {
            done = service.acknowledge(tx, ids, by);
        } else {
            Optional<String> target = target(message);
            if (target.isEmpty()) {
                return ChatCommand.Reply.text("Reply to an alert message with !ack, or give its number: !ack 12");
            }
            done = service.acknowledgeMessage(tx, target.get(), by);
        }
        if (done.isEmpty()) {
            return ChatCommand.Reply.text("Nothing to acknowledge: no such alert, or it was acknowledged already.");
        }
        Rendered r = format.acknowledged(done, by, clock.instant());
        return new ChatCommand.Reply(r.plain(), r.html());
    }

    /** The alert message a command refers to: the event it replies to, else the root of its thread. */
    private static Optional<String> target(RoomEvent message) {
        Optional<String> reply = message.inReplyTo().map(Object::toString);
        boolean fallbackOnly = message.content().path("m.relates_to").path("is_falling_back").asBoolean(false);
        if (reply.isPresent() && !fallbackOnly) {
            return reply;
        }
        if (message.relType().filter("m.thread"::equals).isPresent()) {
            return message.relatesTo().map(Object::toString);
        }
        return reply;
    }

    /** Listens for ✅ reactions on alert messages. */
    public EventListener reactions() {
        return (event, tx) -> {
            if (!"m.reaction".equals(event.type()) || event.isRedacted() || !mayAcknowledge(event.sender())) {
                return;
            }
            var rel = event.content().path("m.relates_to");
            if (!"m.annotation".equals(rel.path("rel_type").asText()) || !ACK_KEYS.contains(rel.path("key").asText())) {
                return;
            }
            String target = rel.path("event_id").asText("");
            if (!target.isEmpty()) {
                service.acknowledgeMessage(tx, target, event.sender().value());
            }
        };
    }
}
