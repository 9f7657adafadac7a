package org.compliancebot.bot.change;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.compliancebot.bridge.id.UserId;

/** What shows that a gate is satisfied: a statement, optional links, who gave it and when. */
public record GateEvidence(String text, List<String> links, UserId by, Instant at) {
    public GateEvidence {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        if (text.isBlank()) {
            throw new IllegalArgumentException("gate evidence needs a text");
        }
        links = List.copyOf(links);
    }
}
