package org.compliancebot.bot.change;

import java.time.Instant;
import java.util.Objects;
import org.compliancebot.bridge.id.UserId;

/**
 * The declaration behind an emergency change: who declared it, when, why, and when the
 * retrospective change request is due (it counts as filed once the request is submitted).
 */
public record EmergencyInfo(UserId declaredBy, Instant declaredAt, String justification, Instant retrospectiveDueAt) {
    public EmergencyInfo {
        Objects.requireNonNull(declaredBy, "declared by");
        Objects.requireNonNull(declaredAt, "declared at");
        Objects.requireNonNull(retrospectiveDueAt, "retrospective due at");
        justification = justification == null ? "" : justification;
    }
}
