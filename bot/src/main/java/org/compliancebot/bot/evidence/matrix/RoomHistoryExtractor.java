package org.compliancebot.bot.evidence.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.evidence.EventDecryptor;
import org.compliancebot.bot.evidence.EventRecords;
import org.compliancebot.bot.evidence.EvidenceLinks;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.ExportProgress;
import org.compliancebot.bot.evidence.store.EvidenceLedger;
import org.compliancebot.bridge.api.Direction;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MessagesPage;
import org.compliancebot.bridge.id.RoomId;

/**
 * Reads a room's history for a time window through {@code /messages}, forwards, in the federation event
 * format (so each event carries the server's hashes), and appends a record per event to the log. Encrypted
 * events are decrypted with the {@link EventDecryptor}; one it cannot decrypt is recorded with its ciphertext
 * and marked undecryptable, and the extraction goes on. Extracting the same window twice adds nothing:
 * records are keyed by kind and event id (an existing record gets the extraction's links in the index).
 */
public final class RoomHistoryExtractor {
    static final int PAGE = 500;
    private final MatrixClient client;
    private final EvidenceLedger ledger;
    private final EventDecryptor decryptor;
    private final Clock clock;

    public RoomHistoryExtractor(MatrixClient client, EvidenceLedger ledger, EventDecryptor decryptor, Clock clock) {
        this.client = client;
        this.ledger = ledger;
        this.decryptor = decryptor;
        this.clock = clock;
    }

    /** What an extraction did. */
    public record Result(int eventsRead, List<EvidenceRecord> appended) {}

    /** The room version from {@code m.room.create}; version 1 when the field is absent, as the spec says. */
    public String roomVersion(RoomId room) {
        return client.getState(room, "m.room.create", "").map(c -> c.path("room_version").asText("1")).orElse("1");
    }

    static ObjectNode federationFilter(MatrixClient client) {
        return client.mapper().createObjectNode().put("event_format", "federation");
    }

    /**
     * Extracts events with origin timestamps in [from, to) (either may be null for an open end) and appends them,
     * each with {@code links} added.
     */
    public Result extract(RoomId room, Instant from, Instant to, EvidenceLinks links, ExportProgress progress) {
        String version = roomVersion(room);
        long fromMs = from == null ? Long.MIN_VALUE : from.toEpochMilli();
        long toMs = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        ObjectNode filter = federationFilter(client);
        List<EvidenceRecord> appended = new ArrayList<>();
        String token = null;
        int read = 0;
        boolean past = false;
        do {
            MessagesPage page = client.messages(room, token, Direction.FORWARD, PAGE, filter);
            List<EvidenceRecord> batch = new ArrayList<>();
            for (JsonNode e : page.chunk()) {
                long ts = e.path("origin_server_ts").asLong();
                if (ts >= toMs) {
                    past = true;
                    break;
                }
                if (ts < fromMs || !e.isObject()) {
                    continue;
                }
                read++;
                ObjectNode raw = (ObjectNode) e;
                if ("m.room.encrypted".equals(raw.path("type").asText())) {
                    EventDecryptor.Result clear = decryptor.decrypt(room.value(), EventRecords.eventId(raw, version), raw);
                    batch.add(EventRecords.fromRawEvent(raw, room.value(), version, clock.millis(), clear, links));
                } else {
                    batch.add(EventRecords.fromRawEvent(raw, room.value(), version, clock.millis(), Optional.empty(), links));
                }
            }
            appended.addAll(ledger.append(batch));
            progress.update("reading " + room.value(), read, 0);
            // Forwards, the live end of the room answers an empty chunk (Synapse may still send an end token).
            token = page.chunk().isEmpty() ? null : page.end();
        } while (token != null && !past);
        return new Result(read, appended);
    }
}
