package org.compliancebot.bot.evidence.matrix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.compliancebot.bot.evidence.TreeHead;
import org.compliancebot.bot.evidence.store.EvidenceLedger;
import org.compliancebot.bot.evidence.store.JdbcEvidenceStore;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs the current tree head and posts it to the audit room, so that everyone in that room holds the log's
 * history as of then: a log that later showed someone a different history could be caught with the heads in
 * the room. Posted through the outbox with the size as key, so a head is posted once.
 */
public final class WitnessPoster implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(WitnessPoster.class);
    private final EvidenceLedger ledger;
    private final Outbox outbox;
    private final RoomId auditRoom;

    public WitnessPoster(EvidenceLedger ledger, Outbox outbox, RoomId auditRoom) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.auditRoom = auditRoom;
    }

    @Override
    public void run() {
        try {
            JdbcEvidenceStore.StoredHead stored = ledger.signHead();
            if (stored.witnessEventId() != null || stored.head().size() == 0) {
                return;
            }
            TreeHead h = stored.head();
            ObjectNode content = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            content.put("msgtype", "m.notice");
            content.put("body", "Evidence log tree head: " + h.size() + " records, root " + h.rootBase64() + ", signed "
                    + java.time.Instant.ofEpochMilli(h.timestamp()) + " by " + h.publicKey());
            content.set("org.compliancebot.tree_head", h.toJson());
            EventId id = outbox.send("evidence-head:" + h.size(), auditRoom, "m.room.message", content);
            ledger.database().inTransactionVoid(c -> ledger.store().markWitnessed(c, h.size(), id.value()));
        } catch (RuntimeException e) {
            log.warn("Posting the evidence tree head failed: {}", e.getMessage());
        }
    }
}
