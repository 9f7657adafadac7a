package org.compliancebot.bot.oversight;

import java.util.Locale;

/** The result of comparing a user's current master key with the pinned one. */
public enum PinCheck {
    /** No key was pinned for this user yet. */
    FIRST_SEEN,
    /** The key is the pinned one. */
    MATCH,
    /** The key differs from the pinned one: the identity changed and needs an admin to re-pin. */
    CHANGED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
