package org.compliancebot.bot.change;

/** How a closed change request ended; it follows from the state it was closed from. */
public enum ClosedOutcome {
    SUCCESS("Success"),
    REJECTED("Rejected"),
    ROLLED_BACK("Rolled back");

    private final String label;

    ClosedOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
