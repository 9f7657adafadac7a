package org.compliancebot.bot.incident.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.incident.Cleartext;
import org.compliancebot.bot.incident.Decryptor;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.TranscriptRecord;
import org.compliancebot.bridge.api.Direction;
import org.compliancebot.bridge.api.MessagesPage;
import org.compliancebot.bridge.event.MalformedEventException;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.RoomId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole history of an incident room through {@code /messages}, oldest first, and stores
 * each event as a transcript record of the incident. Encrypted events get the cleartext decrypted
 * when they arrived through sync, or what the {@link Decryptor} gives; otherwise they are kept as
 * received and marked undecrypted. Running it again adds only events not stored before.
 */
final class TranscriptExtractor {
    private static final Logger log = LoggerFactory.getLogger(TranscriptExtractor.class);
    private static final int PAGE = 100;

    private final RoomContext ctx;
    private volatile Decryptor decryptor = Decryptor.NONE;

    TranscriptExtractor(RoomContext ctx) {
        this.ctx = ctx;
    }

    void setDecryptor(Decryptor d) {
        this.decryptor = d == null ? Decryptor.NONE : d;
    }

    /** Extracts the room's history; returns how many records were new. */
    int extract(Incident incident) {
        RoomId room = incident.room().roomId();
        int added = 0;
        int seen = 0;
        String from = null;
        while (true) {
            MessagesPage page = ctx.client().messages(room, from, Direction.FORWARD, PAGE, null);
            List<TranscriptRecord> records = new ArrayList<>();
            for (JsonNode json : page.chunk()) {
                try {
                    records.add(record(incident, RoomEvent.parse(room, json)));
                } catch (MalformedEventException e) {
                    log.warn("Skipping a malformed event in {}: {}", room, e.getMessage());
                }
            }
            seen += records.size();
            added += ctx.transcripts().addAll(records);
            // The end of history is a page without an end token, not an empty chunk.
            if (!page.hasMore() || page.end().equals(from)) {
                break;
            }
            from = page.end();
        }
        log.info("Transcript of {}: {} events read, {} new records", incident.id(), seen, added);
        return added;
    }

    /**
     * The cleartext the sync path decrypted when the event arrived (/messages hands it out encrypted
     * again), else what the configured {@link Decryptor} makes of it.
     */
    private Decryptor.Result decrypt(Incident incident, RoomEvent e) {
        Optional<Cleartext> kept = ctx.store().cleartext(incident.id(), e.eventId());
        if (kept.isPresent()) {
            try {
                return new Decryptor.Result.Decrypted(kept.get().type(),
                        (ObjectNode) ctx.client().mapper().readTree(kept.get().contentJson()), kept.get().senderDevice());
            } catch (IOException | ClassCastException ex) {
                return new Decryptor.Result.Failed("the kept cleartext is not a JSON object: " + ex.getMessage());
            }
        }
        try {
            Decryptor.Result r = decryptor.decrypt(e);
            if (r instanceof Decryptor.Result.Failed f && decryptor == Decryptor.NONE) {
                return new Decryptor.Result.Failed("not decrypted when it arrived: the bot had no room key for it, "
                        + "or its sender's device was not trusted");
            }
            return r;
        } catch (RuntimeException ex) {
            return new Decryptor.Result.Failed(String.valueOf(ex.getMessage()));
        }
    }

    private TranscriptRecord record(Incident incident, RoomEvent e) {
        String type = e.type();
        String content = e.content().toString();
        boolean clear = true;
        String error = null;
        String device = null;
        if ("m.room.encrypted".equals(e.type())) {
            device = e.content().path("device_id").asText(null);
            Decryptor.Result r = decrypt(incident, e);
            if (r instanceof Decryptor.Result.Decrypted d) {
                type = d.type();
                content = d.content().toString();
                if (d.senderDevice() != null) {
                    device = d.senderDevice();
                }
            } else {
                clear = false;
                error = ((Decryptor.Result.Failed) r).reason();
            }
        }
        return new TranscriptRecord(incident.id(), e.roomId(), e.eventId(), type, e.sender(), device, e.originServerTs(),
                ctx.clock().instant(), clear, error, content, e.raw().toString());
    }
}
