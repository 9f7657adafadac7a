package org.compliancebot.bot.evidence.matrix;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.compliancebot.bot.evidence.Membership;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/** Room membership from the homeserver ({@code joined_members}, as seen by the bot), cached for a minute. */
public final class MatrixMembership implements Membership {
    private static final long TTL_MS = 60_000;
    private final MatrixClient client;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Set<String> members, long at) {}

    public MatrixMembership(MatrixClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public boolean isMember(String userId, String roomId) {
        long now = clock.millis();
        Cached c = cache.get(roomId);
        if (c == null || now - c.at() > TTL_MS) {
            Set<String> members = client.joinedMembers(RoomId.of(roomId)).stream().map(UserId::value).collect(Collectors.toSet());
            c = new Cached(members, now);
            cache.put(roomId, c);
        }
        return c.members().contains(userId);
    }
}
