package org.compliancebot.bridge.id;

import java.util.Objects;

/** A Matrix event ID, {@code $opaque} (room versions 3 and later) or {@code $opaque:server}. */
public record EventId(String value) {
    public EventId {
        Objects.requireNonNull(value, "event id");
        if (!value.startsWith("$") || value.length() < 2 || value.length() > 255) {
            throw new IllegalArgumentException("not a Matrix event id (expected $id): " + value);
        }
    }

    public static EventId of(String value) {
        return new EventId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
