package org.compliancebot.bot.oversight;

import java.util.Locale;

/** Where an approval request stands. Only PENDING accepts decisions. */
public enum ApprovalStatus {
    PENDING, APPROVED, REJECTED, EXPIRED, SUPERSEDED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
