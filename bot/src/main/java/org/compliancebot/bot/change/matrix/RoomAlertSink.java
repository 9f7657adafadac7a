package org.compliancebot.bot.change.matrix;

import java.util.Locale;
import org.compliancebot.bot.change.workflow.AlertLevel;
import org.compliancebot.bot.oversight.RenderedMessage;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.outbox.Outbox;
import org.compliancebot.bridge.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link AlertSink}: a notice with the level in front, queued in the outbox for the
 * monitoring room; logged only when no monitoring room is configured.
 */
public final class RoomAlertSink implements AlertSink {
    private static final Logger log = LoggerFactory.getLogger(RoomAlertSink.class);

    private final Database db;
    private final Outbox outbox;
    private final RoomId room;

    /** @param room the monitoring room, or null to only log */
    public RoomAlertSink(Database db, Outbox outbox, RoomId room) {
        this.db = db;
        this.outbox = outbox;
        this.room = room;
    }

    @Override
    public void raise(AlertLevel level, String key, RenderedMessage message) {
        String label = level.name().charAt(0) + level.name().substring(1).toLowerCase(Locale.ROOT);
        if (room == null) {
            log.warn("Alert ({}) with no monitoring room configured: {}", label, message.plain());
            return;
        }
        RenderedMessage withLevel = new RenderedMessage("[" + label + "] " + message.plain(),
                "<p><b>[" + label + "]</b></p>" + message.html());
        db.inTransactionVoid(c -> outbox.enqueue(c, key, room, "m.room.message", MatrixContent.message("m.notice", withLevel)));
    }
}
