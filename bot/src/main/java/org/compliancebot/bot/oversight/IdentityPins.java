package org.compliancebot.bot.oversight;

import org.compliancebot.bridge.id.UserId;

/**
 * Trust on first use for approvers' cross-signing identities. The first master key seen for an
 * approver is pinned; a different key later blocks that approver until an admin re-pins.
 * Master keys are the unpadded base64 public keys.
 */
public interface IdentityPins {
    /** Compares {@code masterKey} with the pin for {@code user}; does not change anything. */
    PinCheck check(UserId user, String masterKey);

    /**
     * Pins {@code masterKey} for {@code user} if nothing is pinned yet; does nothing if the same key
     * is pinned.
     *
     * @throws IllegalStateException if a different key is pinned (use {@link #repin})
     */
    void pin(UserId user, String masterKey);

    /** Replaces the pin for {@code user}, recording which admin did it. Authorisation is the caller's job. */
    void repin(UserId user, String masterKey, UserId admin);
}
