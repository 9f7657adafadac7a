package org.compliancebot.bot.change;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.compliancebot.bridge.id.UserId;

/**
 * What a change is: summary, details, affected modules, stakeholders and categories. Categories
 * (lower case, e.g. {@code governance}) are matched against the auto-approval guardrails.
 */
public record ChangeDescription(
        String summary,
        String details,
        List<String> affectedModules,
        List<UserId> stakeholders,
        Set<String> categories) {

    public static final String GOVERNANCE = "governance";

    public ChangeDescription {
        Objects.requireNonNull(summary, "summary");
        if (summary.isBlank()) {
            throw new IllegalArgumentException("a change request needs a summary");
        }
        summary = summary.strip();
        details = details == null ? "" : details;
        affectedModules = List.copyOf(affectedModules);
        stakeholders = List.copyOf(stakeholders);
        TreeSet<String> cats = new TreeSet<>();
        categories.forEach(c -> cats.add(c.trim().toLowerCase(Locale.ROOT)));
        categories = Set.copyOf(cats);
    }

    /** A description with only a summary. */
    public static ChangeDescription of(String summary) {
        return new ChangeDescription(summary, "", List.of(), List.of(), Set.of());
    }

    public boolean isGovernance() {
        return categories.contains(GOVERNANCE);
    }
}
