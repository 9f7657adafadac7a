package org.compliancebot.bot.change.matrix;

import java.util.Optional;
import org.compliancebot.bot.change.store.ChangeStore;
import org.compliancebot.bot.change.store.QueuedNotification;
import org.compliancebot.bot.oversight.ApprovalRequest;
import org.compliancebot.bot.oversight.ApprovalRequestId;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns queued workflow notifications into outgoing room events, in one transaction with marking them
 * dispatched: approval requests and announcements go to the oversight room, reminders and expiries
 * into the request's thread, alerts to the {@link AlertSink}.
 *
 * <p>An approval request's message is queued under {@link #requestKey}; once the outbox has sent it,
 * {@link #resolvePosted} records its event id on the request ({@code markPosted}), so that replies can
 * be matched to it. A thread message waits until its request has been posted.
 */
public final class NotificationDispatcher {
    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final ChangeStore store;
    private final Outbox outbox;
    private final RoomId oversightRoom;
    private final AlertSink alerts;
    private volatile boolean warnedNoRoom;

    /** @param oversightRoom null when not configured: oversight messages then wait in the queue */
    public NotificationDispatcher(ChangeStore store, Outbox outbox, RoomId oversightRoom, AlertSink alerts) {
        this.store = store;
        this.outbox = outbox;
        this.oversightRoom = oversightRoom;
        this.alerts = alerts;
    }

    public static String requestKey(ApprovalRequestId id) {
        return "cr-approval-request:" + id.value();
    }

    public Optional<RoomId> oversightRoom() {
        return Optional.ofNullable(oversightRoom);
    }

    /** Records the event ids of sent approval-request messages on pending requests; returns how many. */
    public int resolvePosted() {
        return store.inTransaction(s -> {
            int n = 0;
            for (ApprovalRequest r : store.environment().approvals().pending()) {
                if (ensurePosted(r).isPresent() && r.postedEventId() == null) {
                    n++;
                }
            }
            return n;
        });
    }

    private Optional<EventId> ensurePosted(ApprovalRequest r) {
        if (r.postedEventId() != null) {
            return Optional.of(r.postedEventId());
        }
        if (oversightRoom == null) {
            return Optional.empty();
        }
        Optional<EventId> sent = outbox.eventIdFor(requestKey(r.id()));
        sent.ifPresent(ev -> store.service().markPosted(r.id(), oversightRoom, ev));
        return sent;
    }

    /** True when a notification waits to be dispatched. */
    public boolean hasWork() {
        return store.notifications().hasPending();
    }

    /** Dispatches what can be dispatched now; returns how many notifications went out. */
    public int dispatch() {
        return store.inTransaction(s -> {
            int n = 0;
            for (QueuedNotification q : store.notifications().pending()) {
                if (dispatch(q)) {
                    store.notifications().markDispatched(q.seq());
                    n++;
                }
            }
            return n;
        });
    }

    private boolean dispatch(QueuedNotification q) {
        return switch (q.target()) {
            case ALERT -> {
                alerts.raise(q.level(), "cr-alert:" + q.seq(), q.message());
                yield true;
            }
            case OVERSIGHT -> {
                if (oversightRoom == null) {
                    warnNoRoom();
                    yield false;
                }
                boolean request = "ApprovalRequested".equals(q.kind()) && q.approvalRequest() != null;
                String key = request ? requestKey(q.approvalRequest()) : "cr-note:" + q.seq();
                enqueue(key, oversightRoom, MatrixContent.message(request ? "m.text" : "m.notice", q.message()));
                yield true;
            }
            case REQUEST_THREAD -> thread(q);
        };
    }

    private boolean thread(QueuedNotification q) {
        ApprovalRequest r = store.service().approvalRequest(q.approvalRequest());
        Optional<EventId> root = ensurePosted(r);
        if (root.isPresent()) {
            RoomId room = r.roomId() != null ? r.roomId() : oversightRoom;
            enqueue("cr-note:" + q.seq(), room, MatrixContent.threadReply(root.get(), null, q.message()));
            return true;
        }
        if (oversightRoom == null) {
            warnNoRoom();
            return false;
        }
        if (!hasQueuedRequest(r.id())) {
            // The request was never queued for posting (it closed first): say it in the room instead.
            enqueue("cr-note:" + q.seq(), oversightRoom, MatrixContent.message("m.notice", q.message()));
            return true;
        }
        return false;
    }

    private boolean hasQueuedRequest(ApprovalRequestId id) {
        return store.notifications().pending().stream()
                .anyMatch(p -> id.equals(p.approvalRequest()) && "ApprovalRequested".equals(p.kind()))
                || outboxHas(requestKey(id));
    }

    private boolean outboxHas(String key) {
        return store.database().inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT 1 FROM outbox WHERE idempotency_key = ?")) {
                ps.setString(1, key);
                try (var rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private void enqueue(String key, RoomId room, com.fasterxml.jackson.databind.node.ObjectNode content) {
        store.database().inTransactionVoid(c -> outbox.enqueue(c, key, room, "m.room.message", content));
    }

    private void warnNoRoom() {
        if (!warnedNoRoom) {
            warnedNoRoom = true;
            log.warn("Change notifications wait: no oversight room (rooms.human_oversight) is configured or resolvable");
        }
    }
}
