package org.compliancebot.bot.incident;

import java.util.Locale;

/** Where an incident stands: open while being worked, resolved once the resolution is documented, closed once archived. */
public enum IncidentStatus {
    OPEN, RESOLVED, CLOSED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
