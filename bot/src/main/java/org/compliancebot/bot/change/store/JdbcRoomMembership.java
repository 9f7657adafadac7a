package org.compliancebot.bot.change.store;

import java.util.Collection;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;

/**
 * Room membership as of the last applied event, in {@code room_membership}. Updated from the sync
 * stream in event order inside the batch transaction, so when an event is applied the table shows the
 * membership at that event.
 */
public final class JdbcRoomMembership {
    private final Database db;

    public JdbcRoomMembership(Database db) {
        this.db = db;
    }

    /** Records {@code user}'s membership ({@code join}, {@code leave}, {@code invite}, {@code ban}, ...). */
    public void set(RoomId room, UserId user, String membership, EventId event) {
        db.inTransactionVoid(c -> {
            Rows.Binder values = ps -> {
                ps.setString(1, membership);
                ps.setString(2, event == null ? null : event.value());
                ps.setString(3, room.value());
                ps.setString(4, user.value());
            };
            if (Rows.update(c, "UPDATE room_membership SET membership = ?, event_id = ? WHERE room_id = ? AND user_id = ?",
                    values) == 0) {
                Rows.update(c, "INSERT INTO room_membership (membership, event_id, room_id, user_id) VALUES (?, ?, ?, ?)", values);
            }
        });
    }

    public boolean isJoined(RoomId room, UserId user) {
        return db.inTransaction(c -> Rows.one(c, "SELECT membership FROM room_membership WHERE room_id = ? AND user_id = ?",
                ps -> {
                    ps.setString(1, room.value());
                    ps.setString(2, user.value());
                }, rs -> rs.getString(1)).map("join"::equals).orElse(false));
    }

    /** True once anything is known about {@code room}. */
    public boolean knows(RoomId room) {
        return db.inTransaction(c -> Rows.one(c, "SELECT user_id FROM room_membership WHERE room_id = ?",
                ps -> ps.setString(1, room.value()), rs -> rs.getString(1)).isPresent());
    }

    /** Seeds a room not tracked yet with its joined members; does nothing for a room already tracked. */
    public void seedIfUnknown(RoomId room, Collection<UserId> joined) {
        db.inTransactionVoid(c -> {
            if (knows(room)) {
                return;
            }
            for (UserId u : joined) {
                set(room, u, "join", null);
            }
        });
    }
}
