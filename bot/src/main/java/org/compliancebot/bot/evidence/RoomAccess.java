package org.compliancebot.bot.evidence;

import java.util.Objects;

/**
 * Who may read the evidence of which room, for searches, listings and exports alike: a reader sees the rooms
 * its Matrix user is a member of now (asked of the homeserver), or every room when it holds the auditor
 * scope. A reader with neither sees nothing. When membership cannot be confirmed (the bot itself left the
 * room, the homeserver does not answer) the room counts as not readable.
 */
public final class RoomAccess {
    /**
     * The one asking.
     *
     * @param userId  the Matrix user it acts for, or null
     * @param auditor true with the auditor scope or role
     */
    public record Reader(String userId, boolean auditor) {
        /** What the reader may see, for answers: {@code every room (auditor)} or {@code rooms of @u:example.org}. */
        public String describe() {
            return auditor ? "every room (auditor)" : userId == null ? "no room" : "rooms of " + userId;
        }
    }

    private final Membership membership;

    public RoomAccess(Membership membership) {
        this.membership = Objects.requireNonNull(membership, "membership");
    }

    public boolean canRead(Reader reader, String roomId) {
        if (reader.auditor()) {
            return true;
        }
        if (reader.userId() == null) {
            return false;
        }
        try {
            return membership.isMember(reader.userId(), roomId);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
