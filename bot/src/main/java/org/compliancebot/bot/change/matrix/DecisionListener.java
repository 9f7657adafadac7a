package org.compliancebot.bot.change.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.Optional;
import org.compliancebot.bot.app.EventRouter;
import org.compliancebot.bot.change.store.ChangeStore;
import org.compliancebot.bot.change.workflow.DecisionFacts;
import org.compliancebot.bot.change.workflow.DecisionResult;
import org.compliancebot.bot.oversight.ApprovalRequest;
import org.compliancebot.bot.oversight.ApprovalRequestId;
import org.compliancebot.bot.oversight.Decision;
import org.compliancebot.bot.oversight.DecisionEvidence;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads decisions on approval requests from the sync stream, inside the batch transaction, so each
 * decision is applied exactly once together with the sync position.
 *
 * <p>A decision is a message replying to a request ({@code m.in_reply_to}) or in its thread, in the
 * request's room. Its sender is the server-set {@code sender}; membership comes from the tracked room
 * state at that event, the device facts from {@link SenderDeviceInfo}. The bot's answer goes into the
 * request's thread. Edits ({@code m.replace}) and redactions of a decision message are recorded as
 * evidence only. Reactions and everything else are ignored.
 */
final class DecisionListener implements EventRouter.EventListener {
    private static final Logger log = LoggerFactory.getLogger(DecisionListener.class);

    private final ChangeStore store;
    private final Outbox outbox;
    private final NotificationDispatcher dispatcher;
    private final SenderDeviceInfo devices;
    private final UserId self;

    DecisionListener(ChangeStore store, Outbox outbox, NotificationDispatcher dispatcher, SenderDeviceInfo devices,
            UserId self) {
        this.store = store;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.devices = devices;
        this.self = self;
    }

    @Override
    public void onEvent(RoomEvent e, Connection tx) throws SQLException {
        if (e.sender().equals(self) || !("m.room.message".equals(e.type()) || "m.room.redaction".equals(e.type()))) {
            return;
        }
        // One bad event must neither stop the batch nor leave half its effects behind.
        Savepoint sp = tx.setSavepoint();
        try {
            handle(e, tx);
            tx.releaseSavepoint(sp);
        } catch (RuntimeException ex) {
            tx.rollback(sp);
            log.error("Could not apply {} as an oversight decision; skipped", e, ex);
        }
    }

    private void handle(RoomEvent e, Connection tx) throws SQLException {
        if ("m.room.redaction".equals(e.type())) {
            redacts(e).ifPresent(target -> edited(e, target, true));
            return;
        }
        if (e.relType().filter("m.replace"::equals).isPresent()) {
            e.relatesTo().ifPresent(target -> edited(e, target, false));
            return;
        }
        Optional<ApprovalRequest> request = requestRepliedTo(e);
        if (request.isEmpty()) {
            return;
        }
        ApprovalRequest req = request.get();
        DecisionFacts facts = facts(e, e.body());
        DecisionResult result = store.service().recordDecision(req.id(), facts);
        if (result.parsed() instanceof Decision.NotADecision nd) {
            store.evidence().record(new DecisionEvidence(req.id().value(), req.crId().toString(), e.roomId(), e.eventId(),
                    e.sender(), facts.device(), facts.deviceCrossSigned(), facts.masterKey() == null ? "none" : "not-checked",
                    e.body(), facts.sentAt(), "not-a-decision"));
        }
        outbox.enqueue(tx, "cr-decision-reply:" + e.eventId().value(), e.roomId(), "m.room.message",
                MatrixContent.threadReply(req.postedEventId(), e.eventId(), result.reply()));
        dispatcher.dispatch();
    }

    /** The request this message answers: the root of its thread, or the event it replies to. */
    private Optional<ApprovalRequest> requestRepliedTo(RoomEvent e) {
        Optional<EventId> target = e.relType().filter("m.thread"::equals).isPresent() ? e.relatesTo() : e.inReplyTo();
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Optional<ApprovalRequest> req = store.service().approvalRequestForEvent(target.get());
        if (req.isEmpty() && dispatcher.resolvePosted() > 0) {
            req = store.service().approvalRequestForEvent(target.get());
        }
        // A reply from another room naming the request's event id is not an answer to it.
        return req.filter(r -> e.roomId().equals(r.roomId()));
    }

    private void edited(RoomEvent e, EventId target, boolean redaction) {
        Optional<ApprovalRequestId> req = store.evidence().requestOfDecisionEvent(target);
        if (req.isEmpty()) {
            return;
        }
        String body = redaction ? e.content().path("reason").asText("") : newBody(e);
        store.service().recordDecisionEdit(req.get(), facts(e, body), target, redaction);
    }

    private DecisionFacts facts(RoomEvent e, String body) {
        SenderDeviceInfo.SenderDevice device = devices.lookup(e);
        boolean joined = store.membership().isJoined(e.roomId(), e.sender());
        JsonNode format = e.content().path("format");
        JsonNode html = e.content().path("formatted_body");
        String formatted = "org.matrix.custom.html".equals(format.asText()) && html.isTextual() ? html.asText() : null;
        return new DecisionFacts(e.roomId(), e.eventId(), e.sender(), device.device(), joined,
                device.device() != null && device.crossSigned(), device.masterKey(), body, formatted,
                Instant.ofEpochMilli(e.originServerTs()));
    }

    private static String newBody(RoomEvent e) {
        JsonNode n = e.content().path("m.new_content").path("body");
        return n.isTextual() ? n.asText() : e.body();
    }

    /** The event a redaction removes: {@code content.redacts} (room v11) or the top-level {@code redacts}. */
    private static Optional<EventId> redacts(RoomEvent e) {
        JsonNode inContent = e.content().path("redacts");
        JsonNode top = e.raw() == null ? null : e.raw().path("redacts");
        String id = inContent.isTextual() ? inContent.asText() : top != null && top.isTextual() ? top.asText() : null;
        try {
            return id == null ? Optional.empty() : Optional.of(EventId.of(id));
        } catch (IllegalArgumentException bad) {
            return Optional.empty();
        }
    }
}
