package org.compliancebot.bot.change.matrix;

import java.sql.Connection;
import org.compliancebot.bot.app.EventRouter;
import org.compliancebot.bot.change.store.JdbcRoomMembership;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code room_membership} up to date from {@code m.room.member} events, in sync order inside
 * the batch transaction; registered before the decision listener, so a decision sees the membership
 * of its sender at that event.
 */
final class MembershipTracker implements EventRouter.EventListener {
    private static final Logger log = LoggerFactory.getLogger(MembershipTracker.class);

    private final JdbcRoomMembership membership;

    MembershipTracker(JdbcRoomMembership membership) {
        this.membership = membership;
    }

    @Override
    public void onEvent(RoomEvent e, Connection tx) {
        if (!"m.room.member".equals(e.type()) || e.stateKey() == null) {
            return;
        }
        String value = e.content().path("membership").asText("");
        if (value.isEmpty()) {
            return;
        }
        try {
            membership.set(e.roomId(), UserId.of(e.stateKey()), value, e.eventId());
        } catch (IllegalArgumentException bad) {
            log.warn("Ignoring membership event {} with state key that is not a user id", e.eventId());
        }
    }
}
