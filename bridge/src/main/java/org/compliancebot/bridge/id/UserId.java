package org.compliancebot.bridge.id;

import java.util.Objects;

/**
 * A Matrix user ID, {@code @localpart:server}. This is the identity the server vouches for in an
 * event's {@code sender}; authorisation decisions must use it, never a display name.
 */
public record UserId(String value) {
    public UserId {
        Objects.requireNonNull(value, "user id");
        int colon = value.indexOf(':');
        if (!value.startsWith("@") || colon < 2 || colon == value.length() - 1 || value.length() > 255) {
            throw new IllegalArgumentException("not a Matrix user id (expected @localpart:server): " + value);
        }
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    public String localpart() {
        return value.substring(1, value.indexOf(':'));
    }

    public String server() {
        return value.substring(value.indexOf(':') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
