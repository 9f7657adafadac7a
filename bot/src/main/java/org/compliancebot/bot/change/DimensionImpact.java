package org.compliancebot.bot.change;

import java.util.Objects;

/** The assessed level of one impact dimension with the assessor's notes (may be empty). */
public record DimensionImpact(ImpactLevel level, String notes) {
    public DimensionImpact {
        Objects.requireNonNull(level, "level");
        notes = notes == null ? "" : notes;
    }

    public static DimensionImpact of(ImpactLevel level) {
        return new DimensionImpact(level, "");
    }
}
