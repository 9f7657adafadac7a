package org.compliancebot.bridge.id;

import java.util.Objects;

/** A Matrix room ID, {@code !opaque:server}. */
public record RoomId(String value) {
    public RoomId {
        Objects.requireNonNull(value, "room id");
        if (!value.startsWith("!") || value.length() < 2 || value.length() > 255) {
            throw new IllegalArgumentException("not a Matrix room id (expected !id:server): " + value);
        }
    }

    public static RoomId of(String value) {
        return new RoomId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
