package org.compliancebot.bot.incident;

/** The ITIL incident priority (seed 003): P0 is the most urgent. */
public enum Priority {
    P0("service down or major business impact"),
    P1("major function unavailable"),
    P2("service degraded"),
    P3("minor issue");

    private final String meaning;

    Priority(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
