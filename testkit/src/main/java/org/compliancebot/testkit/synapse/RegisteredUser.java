package org.compliancebot.testkit.synapse;

/**
 * A user account on the test homeserver, with the session created when it was registered or logged in.
 *
 * @param userId      full Matrix user ID, e.g. {@code @alice-3:localhost}
 * @param password    the account password (test accounts only)
 * @param accessToken access token of the session
 * @param deviceId    device ID of the session
 */
public record RegisteredUser(String userId, String password, String accessToken, String deviceId) {

    /** The localpart of {@link #userId()} (between {@code @} and the first colon). */
    public String localpart() {
        return userId.substring(1, userId.indexOf(':'));
    }

    /** Keeps the password and access token out of test logs. */
    @Override
    public String toString() {
        return "RegisteredUser[userId=" + userId + ", deviceId=" + deviceId + "]";
    }
}
