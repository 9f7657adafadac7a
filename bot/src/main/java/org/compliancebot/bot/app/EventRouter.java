package org.compliancebot.bot.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.compliancebot.bot.text.Html;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.outbox.Outbox;
import org.compliancebot.bridge.sync.SyncBatch;
import org.compliancebot.bridge.sync.SyncConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies sync batches for the bot: records each room event, runs chat commands, and queues the
 * replies in the outbox, all inside the batch's transaction. Replies are threaded to the command.
 * Every command is registered with its usage, and {@code !help} lists the usage of all of them, so the
 * list is whatever the running modules registered.
 */
public final class EventRouter implements SyncConsumer {
    private static final Logger log = LoggerFactory.getLogger(EventRouter.class);

    /** Something else that wants each applied event (incident timelines, approvals, ...), in the same transaction. */
    @FunctionalInterface
    public interface EventListener {
        void onEvent(RoomEvent event, Connection tx) throws SQLException;
    }

    /** The built-in liveness command: {@code !ping} answers {@code pong}. */
    public static final String PING = "ping";
    /** The built-in list of commands: {@code !help} answers with the usage of every registered command. */
    public static final String HELP = "help";

    private final UserId self;
    private final Outbox outbox;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, ChatCommand> commands = new LinkedHashMap<>();
    private final Map<String, String> usages = new LinkedHashMap<>();
    private final List<EventListener> listeners = new ArrayList<>();
    private volatile Consumer<SyncBatch> afterApply = b -> { };

    public EventRouter(UserId self, Outbox outbox, Clock clock) {
        this.self = self;
        this.outbox = outbox;
        this.clock = clock;
        command(PING, "!ping: check that the bot is listening (it answers pong)",
                (msg, args, tx) -> ChatCommand.Reply.text("pong"));
        command(HELP, "!help: list these commands", (msg, args, tx) -> help());
    }

    /**
     * Registers {@code !name}; names are case-insensitive. Call before the sync loop starts.
     *
     * @param usage what {@code !help} lists for the command: one or more lines, the first starting with
     *              {@code !name} as it is typed
     * @throws IllegalArgumentException if {@code usage} does not start with {@code !name}
     */
    public void command(String name, String usage, ChatCommand command) {
        String key = name.toLowerCase(Locale.ROOT);
        String text = usage == null ? "" : usage.strip();
        if (!text.toLowerCase(Locale.ROOT).startsWith("!" + key)) {
            throw new IllegalArgumentException("the usage of !" + key + " must start with !" + key + ": " + usage);
        }
        commands.put(key, command);
        usages.put(key, text);
    }

    /** The registered command names, without {@code !}, in the order they were registered. */
    public List<String> commandNames() {
        return List.copyOf(commands.keySet());
    }

    /** The answer to {@code !help}: the usage of every registered command, in the order they were registered. */
    public ChatCommand.Reply help() {
        StringBuilder html = new StringBuilder("<h3>Commands</h3><ul>");
        usages.values().stream().flatMap(String::lines).map(String::strip).filter(l -> !l.isEmpty())
                .forEach(l -> html.append("<li><code>").append(Html.escape(l)).append("</code></li>"));
        html.append("</ul>");
        return new ChatCommand.Reply("Commands:\n" + String.join("\n", usages.values()), html.toString());
    }

    public void listener(EventListener l) {
        listeners.add(l);
    }

    /** Called with each batch after it was applied (still inside the transaction); for the crypto layer. */
    public void afterApply(Consumer<SyncBatch> hook) {
        this.afterApply = hook;
    }

    @Override
    public void apply(SyncBatch batch, Connection tx) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "INSERT INTO received_event (event_id, room_id, sender, event_type, origin_ts, received_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (RoomEvent e : batch.timeline()) {
                ps.setString(1, e.eventId().value());
                ps.setString(2, e.roomId().value());
                ps.setString(3, e.sender().value());
                ps.setString(4, e.type());
                ps.setLong(5, e.originServerTs());
                ps.setLong(6, clock.millis());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        for (RoomEvent e : batch.timeline()) {
            for (EventListener l : listeners) {
                l.onEvent(e, tx);
            }
            if (!e.sender().equals(self) && "m.room.message".equals(e.type())) {
                maybeCommand(e, tx);
            }
        }
        afterApply.accept(batch);
    }

    private void maybeCommand(RoomEvent e, Connection tx) throws SQLException {
        String body = e.body().strip();
        if (!body.startsWith("!") || body.length() < 2) {
            return;
        }
        int space = body.indexOf(' ');
        String name = (space < 0 ? body.substring(1) : body.substring(1, space)).toLowerCase(Locale.ROOT);
        String args = space < 0 ? "" : body.substring(space + 1).strip();
        ChatCommand command = commands.get(name);
        if (command == null) {
            return;
        }
        ChatCommand.Reply reply;
        try {
            reply = command.handle(e, args, tx);
        } catch (RuntimeException ex) {
            log.error("Command !{} from {} failed", name, e.sender(), ex);
            reply = ChatCommand.Reply.text("Sorry, !" + name + " failed: " + ex.getMessage());
        }
        if (reply != null) {
            outbox.enqueue(tx, "reply:" + e.eventId().value(), e.roomId(), "m.room.message", threadedReply(e, reply));
        }
    }

    /** A notice in the thread of {@code to} (or the thread it is already in), replying to it. */
    public ObjectNode threadedReply(RoomEvent to, ChatCommand.Reply reply) {
        ObjectNode content = mapper.createObjectNode();
        content.put("msgtype", "m.notice");
        content.put("body", reply.body());
        if (reply.html() != null) {
            content.put("format", "org.matrix.custom.html");
            content.put("formatted_body", reply.html());
        }
        String root = to.relType().filter("m.thread"::equals).flatMap(t -> to.relatesTo()).map(Object::toString)
                .orElse(to.eventId().value());
        ObjectNode rel = content.putObject("m.relates_to");
        rel.put("rel_type", "m.thread");
        rel.put("event_id", root);
        rel.put("is_falling_back", true);
        rel.putObject("m.in_reply_to").put("event_id", to.eventId().value());
        return content;
    }
}
