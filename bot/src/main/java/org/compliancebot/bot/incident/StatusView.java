package org.compliancebot.bot.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.compliancebot.bridge.id.UserId;

/** The text of {@code !status}: severity, people, tasks, checklist and time open. */
public final class StatusView {
    private StatusView() {}

    public static String render(IncidentDetails d, Instant now) {
        Incident i = d.incident();
        List<String> lines = new ArrayList<>();
        lines.add(i.id() + ": " + i.title());
        lines.add("Severity: " + i.severity().label() + "; status: " + i.status().label()
                + (i.isClosing() && i.status() != IncidentStatus.CLOSED ? " (closing)" : ""));
        lines.add("Open for " + duration(i.age(now)) + " (since " + IncidentReport.when(i.createdAt()) + ")");
        lines.add("First response: " + (i.response() == null ? "none yet"
                : i.response().by() + " after " + duration(Duration.between(i.createdAt(), i.response().at()))));
        lines.add("People: " + people(d));
        if (d.tasks().isEmpty()) {
            lines.add("Tasks: none");
        } else {
            lines.add("Tasks:");
            d.tasks().forEach(t -> lines.add("  " + t.number() + ". " + t.assignee() + ": " + t.text()));
        }
        lines.add("Checklist: " + d.checklist().done() + " of " + d.checklist().total() + " done");
        lines.add("Timeline: " + d.timeline().size() + " entries");
        if (i.resolution() != null) {
            lines.add("Resolution: " + i.resolution().summary() + " (" + i.resolution().by() + ")");
        }
        return String.join("\n", lines);
    }

    private static String people(IncidentDetails d) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<UserId, Membership> e : d.members().entrySet()) {
            if (e.getValue().isPresent()) {
                out.add(e.getKey() + (e.getValue() == Membership.INVITE ? " (invited)" : ""));
            }
        }
        for (Invitation inv : d.invitations()) {
            if (!d.members().containsKey(inv.user())) {
                out.add(inv.user() + (inv.state() == Invitation.State.PENDING ? " (invite pending)" : " (invited)"));
            }
        }
        return out.isEmpty() ? "nobody yet" : String.join(", ", out);
    }

    /** {@code 2 h 05 min}, {@code 12 min}, {@code 40 s}. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + " min";
        }
        long h = m / 60;
        if (h < 48) {
            return String.format("%d h %02d min", h, m % 60);
        }
        return (h / 24) + " d " + (h % 24) + " h";
    }
}
