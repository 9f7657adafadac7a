package org.compliancebot.bot.evidence.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.evidence.EventDecryptor;
import org.compliancebot.bot.evidence.EventRecords;
import org.compliancebot.bot.evidence.EvidenceLinks;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.store.CaptureQueue;
import org.compliancebot.bot.evidence.store.EvidenceLedger;
import org.compliancebot.bridge.api.Direction;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MessagesPage;
import org.compliancebot.bridge.id.RoomId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns queued events of monitored rooms into records: finds each one in the federation format by paging
 * {@code /messages} back from the live end (recent events are on the first page), and appends it. An event
 * not found after {@link #MAX_ATTEMPTS} rounds stays queued and is logged; it is never recorded without the
 * server's hashes. The record of an encrypted event keeps the ciphertext from {@code /messages} (for the
 * hashes) and the cleartext sync decrypted (queued with the event).
 */
public final class CaptureWorker implements Runnable {
    static final int MAX_ATTEMPTS = 5;
    private static final int PAGES = 20;
    private static final Logger log = LoggerFactory.getLogger(CaptureWorker.class);
    private final MatrixClient client;
    private final EvidenceLedger ledger;
    private final CaptureQueue queue = new CaptureQueue();
    private final EventDecryptor decryptor;
    private final Clock clock;

    public CaptureWorker(MatrixClient client, EvidenceLedger ledger, EventDecryptor decryptor, Clock clock) {
        this.client = client;
        this.ledger = ledger;
        this.decryptor = decryptor;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            List<CaptureQueue.Item> items = ledger.database().inTransaction(c -> queue.pending(c, 100));
            for (CaptureQueue.Item item : items) {
                if (item.attempts() >= MAX_ATTEMPTS) {
                    continue;
                }
                Optional<ObjectNode> raw = find(RoomId.of(item.roomId()), item.eventId());
                if (raw.isEmpty()) {
                    ledger.database().inTransactionVoid(c -> queue.failedAttempt(c, item.eventId()));
                    if (item.attempts() + 1 == MAX_ATTEMPTS) {
                        log.warn("Evidence event {} in {} was not found in the room history; it stays queued", item.eventId(), item.roomId());
                    }
                    continue;
                }
                String version = new RoomHistoryExtractor(client, ledger, decryptor, clock).roomVersion(RoomId.of(item.roomId()));
                EventDecryptor.Result clear = new EventDecryptor.Result.Failed("not encrypted");
                if ("m.room.encrypted".equals(raw.get().path("type").asText())) {
                    Optional<EventDecryptor.Cleartext> kept = SyncCleartext.fromJson(item.cleartext());
                    clear = kept.isPresent() ? new EventDecryptor.Result.Decrypted(kept.get())
                            : decryptor.decrypt(item.roomId(), item.eventId(), raw.get());
                }
                EvidenceRecord record = EventRecords.fromRawEvent(raw.get(), item.roomId(), version, clock.millis(), clear,
                        EvidenceLinks.none());
                ledger.database().inTransactionVoid(c -> {
                    ledger.appendIn(c, List.of(record));
                    queue.done(c, item.eventId());
                });
            }
        } catch (RuntimeException e) {
            log.warn("Evidence capture round failed: {}", e.getMessage());
        }
    }

    private Optional<ObjectNode> find(RoomId room, String eventId) {
        String token = null;
        for (int i = 0; i < PAGES; i++) {
            MessagesPage page = client.messages(room, token, Direction.BACKWARD, 100, RoomHistoryExtractor.federationFilter(client));
            for (JsonNode e : page.chunk()) {
                if (eventId.equals(e.path("event_id").asText()) && e.isObject()) {
                    return Optional.of((ObjectNode) e);
                }
            }
            if (!page.hasMore() || page.chunk().isEmpty()) {
                break;
            }
            token = page.end();
        }
        return Optional.empty();
    }
}
