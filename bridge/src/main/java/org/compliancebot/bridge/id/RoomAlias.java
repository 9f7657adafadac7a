package org.compliancebot.bridge.id;

import java.util.Objects;

/** A Matrix room alias, {@code #localpart:server}. */
public record RoomAlias(String value) {
    public RoomAlias {
        Objects.requireNonNull(value, "room alias");
        int colon = value.indexOf(':');
        if (!value.startsWith("#") || colon < 2 || colon == value.length() - 1 || value.length() > 255) {
            throw new IllegalArgumentException("not a Matrix room alias (expected #name:server): " + value);
        }
    }

    public static RoomAlias of(String value) {
        return new RoomAlias(value);
    }

    public String localpart() {
        return value.substring(1, value.indexOf(':'));
    }

    @Override
    public String toString() {
        return value;
    }
}
