package org.compliancebot.bot.change;

import java.util.Locale;

/** What is done about a risk. */
public enum RiskTreatment {
    ACCEPT, MITIGATE, AVOID, TRANSFER;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
