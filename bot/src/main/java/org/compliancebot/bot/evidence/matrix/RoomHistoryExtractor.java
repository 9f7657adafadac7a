package org.compliancebot.bot.evidence.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
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
    /** Pages are read on virtual threads, one at a time ahead of the page being processed. */
    private static final Executor PAGE_READER = task -> Thread.ofVirtual().name("room-history-page").start(task);
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
        int read = 0;
        boolean past = false;
        CompletableFuture<MessagesPage> next = fetch(room, null, filter);
        do {
            MessagesPage page = join(next);
            // Forwards, the live end of the room answers an empty chunk (Synapse may still send an end token).
            String token = page.chunk().isEmpty() ? null : page.end();
            // The next page is on its way while this one is decrypted, hashed and stored.
            next = token == null ? null : fetch(room, token, filter);
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
        } while (next != null && !past);
        if (next != null) {
            next.cancel(true);
        }
        return new Result(read, appended);
    }

    private CompletableFuture<MessagesPage> fetch(RoomId room, String token, ObjectNode filter) {
        return CompletableFuture.supplyAsync(() -> client.messages(room, token, Direction.FORWARD, PAGE, filter), PAGE_READER);
    }

    /** The page, or the failure of reading it as it was thrown. */
    private static MessagesPage join(CompletableFuture<MessagesPage> page) {
        try {
            return page.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
