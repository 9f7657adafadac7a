package org.compliancebot.bot.incident.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.compliancebot.bot.incident.ClosingStep;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentException;
import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.TranscriptEvidence;
import org.compliancebot.bridge.id.RoomId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an incident: posts the closing notice, archives the room (name prefixed, members can no
 * longer post, retention untouched, the bot stays), extracts the transcript and hands the room's history
 * to the evidence log (linked to the incident), then marks the incident closed. Archiving comes before the extraction so that no message can arrive after it. Steps are
 * stored as they complete, so a retry continues where the last attempt stopped.
 */
final class RoomArchiver {
    private static final Logger log = LoggerFactory.getLogger(RoomArchiver.class);

    private final RoomContext ctx;
    private final TranscriptExtractor extractor;
    private volatile TranscriptEvidence evidence = TranscriptEvidence.NONE;

    RoomArchiver(RoomContext ctx, TranscriptExtractor extractor) {
        this.ctx = ctx;
        this.extractor = extractor;
    }

    void setEvidence(TranscriptEvidence e) {
        this.evidence = e == null ? TranscriptEvidence.NONE : e;
    }

    Incident complete(IncidentId id) {
        Incident i = ctx.store().find(id).orElseThrow(() -> new IncidentException("no incident " + id));
        while (i.room().closing() != null && i.room().closing() != ClosingStep.EXTRACTED) {
            i = switch (i.room().closing()) {
                case REQUESTED -> announce(i);
                case ANNOUNCED -> archive(i);
                case ARCHIVED -> extract(i);
                case EXTRACTED -> i;
            };
        }
        return i;
    }

    private Incident announce(Incident i) {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("msgtype", "m.notice");
        content.put("body", "Incident " + i.id() + " is closed by " + i.closure().by()
                + (i.resolution() == null ? "" : ". Resolution: " + i.resolution().summary())
                + ". This room is now archived: it stays readable, nobody can post, and its transcript is kept as evidence.");
        ctx.outbox().send("incident:" + i.id() + ":closing", i.room().roomId(), "m.room.message", content);
        return ctx.advance(i.id(), cur -> cur.withRoom(cur.room().withClosing(ClosingStep.ANNOUNCED)));
    }

    private Incident archive(Incident i) {
        RoomId room = i.room().roomId();
        String name = ctx.client().getState(room, "m.room.name", "").map(n -> n.path("name").asText(""))
                .orElse(i.roomName());
        String archived = IncidentRoomLayout.archivedName(name.isEmpty() ? i.roomName() : name);
        if (!archived.equals(name)) {
            ctx.client().putState(room, "m.room.name", "", JsonNodeFactory.instance.objectNode().put("name", archived));
        }
        JsonNode current = ctx.client().getState(room, "m.room.power_levels", "").orElseThrow();
        IncidentRoomLayout.Archived target = IncidentRoomLayout.archivedPowerLevels(current, ctx.bot());
        if (!target.powerLevels().equals(current)) {
            ctx.client().putState(room, "m.room.power_levels", "", target.powerLevels());
        }
        log.info("Archived the room of {}; still able to post: {}", i.id(), target.stillPosting());
        return ctx.advance(i.id(), cur -> cur.withRoom(cur.room().withClosing(ClosingStep.ARCHIVED)));
    }

    private Incident extract(Incident i) {
        extractor.extract(i);
        int adopted = evidence.adopt(i.id(), i.room().roomId());
        log.info("Evidence log: {} new records of the transcript of {}", adopted, i.id());
        return ctx.advance(i.id(), cur -> cur.withRoom(cur.room().withClosing(ClosingStep.EXTRACTED))
                .closed(ctx.clock().instant()));
    }
}
