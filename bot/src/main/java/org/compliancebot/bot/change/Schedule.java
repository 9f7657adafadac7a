package org.compliancebot.bot.change;

import java.time.Instant;
import java.util.Objects;

/** The implementation window of an approved change. */
public record Schedule(Instant windowStart, Instant windowEnd, String notes) {
    public Schedule {
        Objects.requireNonNull(windowStart, "window start");
        Objects.requireNonNull(windowEnd, "window end");
        if (windowEnd.isBefore(windowStart)) {
            throw new IllegalArgumentException("the window ends before it starts");
        }
        notes = notes == null ? "" : notes;
    }
}
