package org.compliancebot.bridge.sync;

import java.time.Duration;
import java.util.function.Predicate;
import org.compliancebot.bridge.id.UserId;

/**
 * Settings of the sync engine.
 *
 * @param timelineLimit        events per room per sync (the filter's timeline limit); at least 1
 * @param pollTimeout          how long the server may hold a long-poll; must be positive
 * @param inviteAllowed        whose invitations are accepted (by the inviter's user id)
 * @param maxBackoff           the longest wait between attempts while the server is unreachable
 * @param skipHistoryOnFirstSync on the very first sync (no saved position) mark what is already in the
 *                             rooms as seen instead of handing it over, so old commands are not re-run
 * @param maxBackfillEvents    the most events one gap backfill fetches for a room
 */
public record SyncOptions(int timelineLimit, Duration pollTimeout, Predicate<UserId> inviteAllowed,
                          Duration maxBackoff, boolean skipHistoryOnFirstSync, int maxBackfillEvents) {
    public SyncOptions {
        if (timelineLimit < 1) {
            throw new IllegalArgumentException("timelineLimit must be at least 1");
        }
        if (pollTimeout.isZero() || pollTimeout.isNegative()) {
            throw new IllegalArgumentException("pollTimeout must be positive (timeout=0 would spin)");
        }
    }

    /** Defaults: 50 events per room, 30 s polls, invitations from users of {@code localServer}. */
    public static SyncOptions defaults(String localServer) {
        return new SyncOptions(50, Duration.ofSeconds(30), u -> u.server().equals(localServer),
                Duration.ofSeconds(30), true, 10_000);
    }

    public SyncOptions withTimelineLimit(int limit) {
        return new SyncOptions(limit, pollTimeout, inviteAllowed, maxBackoff, skipHistoryOnFirstSync, maxBackfillEvents);
    }

    public SyncOptions withPollTimeout(Duration timeout) {
        return new SyncOptions(timelineLimit, timeout, inviteAllowed, maxBackoff, skipHistoryOnFirstSync, maxBackfillEvents);
    }

    public SyncOptions withMaxBackoff(Duration backoff) {
        return new SyncOptions(timelineLimit, pollTimeout, inviteAllowed, backoff, skipHistoryOnFirstSync, maxBackfillEvents);
    }

    public SyncOptions withSkipHistoryOnFirstSync(boolean skip) {
        return new SyncOptions(timelineLimit, pollTimeout, inviteAllowed, maxBackoff, skip, maxBackfillEvents);
    }

    public SyncOptions withInviteAllowed(Predicate<UserId> allowed) {
        return new SyncOptions(timelineLimit, pollTimeout, allowed, maxBackoff, skipHistoryOnFirstSync, maxBackfillEvents);
    }
}
