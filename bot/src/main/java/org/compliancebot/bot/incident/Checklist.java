package org.compliancebot.bot.incident;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.compliancebot.bridge.id.UserId;

/**
 * The response checklist of the incident report template (Appendix A of seed 004) and the state
 * of its items for one incident. Items are numbered from 1.
 */
public record Checklist(Map<Integer, Tick> ticks) {
    /** The template's items, in order. */
    public static final List<String> ITEMS = List.of(
            "Root cause identified",
            "Immediate containment actions taken",
            "Stakeholders notified",
            "Remediation plan created",
            "Regulatory reporting initiated (if required)",
            "Corrective actions implemented",
            "Incident review completed");

    /** Who ticked an item, and when. */
    public record Tick(UserId by, Instant at) {}

    public Checklist {
        ticks = Map.copyOf(ticks);
    }

    public static Checklist empty() {
        return new Checklist(Map.of());
    }

    public static boolean isItem(int n) {
        return n >= 1 && n <= ITEMS.size();
    }

    public static String item(int n) {
        return ITEMS.get(n - 1);
    }

    public boolean isTicked(int n) {
        return ticks.containsKey(n);
    }

    public int done() {
        return ticks.size();
    }

    public int total() {
        return ITEMS.size();
    }
}
