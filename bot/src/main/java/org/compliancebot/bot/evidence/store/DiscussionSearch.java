package org.compliancebot.bot.evidence.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.compliancebot.bot.evidence.RoomAccess;
import org.compliancebot.bot.evidence.SearchHit;

/**
 * {@code search_compliance_discussions}: full-text search over monitored rooms, with access checked on the
 * searcher's Matrix user id by {@link RoomAccess}: a searcher sees only rooms they are a member of, or every
 * monitored room when they hold the auditor scope.
 */
public final class DiscussionSearch {
    private final DiscussionIndex index;
    private final Set<String> monitoredRooms;
    private final RoomAccess access;

    public DiscussionSearch(DiscussionIndex index, Set<String> monitoredRooms, RoomAccess access) {
        this.index = index;
        this.monitoredRooms = Set.copyOf(monitoredRooms);
        this.access = access;
    }

    /** @param rooms rooms to search (ids); empty for every monitored room */
    public List<SearchHit> search(RoomAccess.Reader searcher, String query, List<String> rooms, Instant from, Instant to,
                                  int limit) {
        List<String> allowed = new ArrayList<>();
        for (String room : rooms.isEmpty() ? monitoredRooms : Set.copyOf(rooms)) {
            if (monitoredRooms.contains(room) && access.canRead(searcher, room)) {
                allowed.add(room);
            }
        }
        return index.search(query, allowed, from == null ? Long.MIN_VALUE : from.toEpochMilli(),
                to == null ? Long.MAX_VALUE : to.toEpochMilli(), Math.max(1, Math.min(limit, 500)));
    }
}
