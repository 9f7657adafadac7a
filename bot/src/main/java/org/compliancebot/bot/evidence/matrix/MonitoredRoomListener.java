package org.compliancebot.bot.evidence.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.compliancebot.bot.app.EventRouter;
import org.compliancebot.bot.evidence.EventDecryptor;
import org.compliancebot.bot.evidence.MentionDetector;
import org.compliancebot.bot.evidence.store.CaptureQueue;
import org.compliancebot.bot.evidence.store.DiscussionIndex;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.UserId;

/**
 * Watches the monitored compliance rooms inside the sync transaction: every readable message goes into the
 * search index, and a message that mentions a control id or an artefact is queued to become evidence
 * (the {@link CaptureWorker} fetches its federation form and appends the record). An encrypted message
 * arrives here already decrypted by sync; its cleartext, sending device and cross-signing state are queued
 * with it, since {@code /messages} returns it encrypted.
 */
public final class MonitoredRoomListener implements EventRouter.EventListener {
    private final Set<String> rooms;
    private final UserId self;
    private final DiscussionIndex index;
    private final CaptureQueue queue;
    private final EventDecryptor decryptor;
    private final Clock clock;

    public MonitoredRoomListener(Set<String> rooms, UserId self, DiscussionIndex index, CaptureQueue queue,
                                 EventDecryptor decryptor, Clock clock) {
        this.rooms = Set.copyOf(rooms);
        this.self = self;
        this.index = index;
        this.queue = queue;
        this.decryptor = decryptor;
        this.clock = clock;
    }

    @Override
    public void onEvent(RoomEvent e, Connection tx) throws SQLException {
        if (!rooms.contains(e.roomId().value()) || e.sender().equals(self) || e.isState()) {
            return;
        }
        JsonNode content = e.content();
        String type = e.type();
        Optional<EventDecryptor.Cleartext> clear = SyncCleartext.of(e);
        if ("m.room.encrypted".equals(type)) {
            // Sync could not decrypt it; the hook may still (a key that arrived late).
            clear = decryptor.decrypt(e.roomId().value(), e.eventId().value(), e.raw()).decrypted();
            if (clear.isEmpty()) {
                return;
            }
            type = clear.get().type();
            content = clear.get().payload().path("content");
        }
        if (!"m.room.message".equals(type)) {
            return;
        }
        String body = content.path("m.new_content").path("body").isTextual()
                ? content.path("m.new_content").path("body").asText() : content.path("body").asText("");
        if (body.isBlank()) {
            return;
        }
        index.index(tx, e.eventId().value(), e.roomId().value(), e.sender().value(), e.originServerTs(), body);
        if (MentionDetector.detect(body).isEvidence()) {
            queue.add(tx, e.eventId().value(), e.roomId().value(), clock.millis(), clear.map(SyncCleartext::toJson).orElse(null));
        }
    }
}
