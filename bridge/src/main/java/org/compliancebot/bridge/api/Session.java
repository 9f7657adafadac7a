package org.compliancebot.bridge.api;

import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.UserId;

/** The result of a login: who we are and on which device. The token is kept out of {@link #toString()}. */
public record Session(UserId userId, DeviceId deviceId, String accessToken) {
    @Override
    public String toString() {
        return "Session[" + userId + " on " + deviceId + "]";
    }
}
