package org.compliancebot.bot.watchdog.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides what an incoming notification does to the stored alerts with the same fingerprint.
 * A firing repeat of an open alert seen within the window only counts; after the window it is a new
 * alert (the old one is superseded). A resolve closes the open alert; a resolve for nothing open is ignored.
 */
public final class Deduplicator {
    /** The outcome for one notification. */
    public sealed interface Decision {
        /** Store and post a new alert; {@code supersede} is an older open alert to retire, if any. */
        record New(Optional<Long> supersede) implements Decision {}

        /** Count a repeat of the open alert {@code id}; nothing is posted. */
        record Repeat(long id) implements Decision {}

        /** Mark the open alert {@code id} resolved; its message is edited. */
        record Resolve(long id) implements Decision {}

        /** Nothing open to resolve. */
        record Ignore(String reason) implements Decision {}
    }

    private final Duration window;

    public Deduplicator(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("dedup window must be positive");
        }
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    /**
     * @param open the most recent open alert with the same source and fingerprint, if any
     * @param now  the time the notification arrived
     */
    public Decision decide(Optional<StoredAlert> open, AlertStatus incoming, Instant now) {
        if (incoming == AlertStatus.RESOLVED) {
            return open.<Decision>map(a -> new Decision.Resolve(a.id()))
                    .orElseGet(() -> new Decision.Ignore("no open alert with this fingerprint"));
        }
        if (open.isPresent() && !open.get().lastSeen().plus(window).isBefore(now)) {
            return new Decision.Repeat(open.get().id());
        }
        return new Decision.New(open.map(StoredAlert::id));
    }
}
