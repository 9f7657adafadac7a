package org.compliancebot.bot.evidence.verify;

/** A check found a broken item: {@code location} names it (file, line, record, event), {@code reason} says why. */
public final class CheckFailure extends Exception {
    private final String location;
    private final String reason;

    public CheckFailure(String location, String reason) {
        super(location + ": " + reason);
        this.location = location;
        this.reason = reason;
    }

    public String location() {
        return location;
    }

    public String reason() {
        return reason;
    }
}
