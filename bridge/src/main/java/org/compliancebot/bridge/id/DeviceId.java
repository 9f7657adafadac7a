package org.compliancebot.bridge.id;

import java.util.Objects;

/** A Matrix device ID, an opaque string chosen by the client or the server. */
public record DeviceId(String value) {
    public DeviceId {
        Objects.requireNonNull(value, "device id");
        if (value.isBlank() || value.length() > 255) {
            throw new IllegalArgumentException("device id must be 1 to 255 non-blank characters");
        }
    }

    public static DeviceId of(String value) {
        return new DeviceId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
