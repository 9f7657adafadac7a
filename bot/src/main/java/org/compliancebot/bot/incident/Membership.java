package org.compliancebot.bot.incident;

import java.util.Locale;
import java.util.Optional;

/** A person's membership of an incident room, as the room's member events say. */
public enum Membership {
    INVITE, JOIN, LEAVE, BAN, KNOCK;

    public static Optional<Membership> parse(String text) {
        try {
            return Optional.of(valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** Invited or joined: someone a task can go to. */
    public boolean isPresent() {
        return this == INVITE || this == JOIN;
    }
}
