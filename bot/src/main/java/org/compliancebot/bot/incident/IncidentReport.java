package org.compliancebot.bot.incident;

import static org.compliancebot.bot.text.Html.escape;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The incident report the bot posts first in each incident room, after the template in Appendix A
 * of seed 004: header, details, the response checklist and links. Rendered as plain text and as
 * HTML with the same content; user text is escaped in the HTML.
 */
public final class IncidentReport {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private IncidentReport() {}

    public static IncidentReply render(Incident i) {
        return new IncidentReply(text(i), html(i));
    }

    static String when(Instant t) {
        return TIME.format(t);
    }

    private static String violated(Incident i) {
        return i.violatedControls().isEmpty() ? "none recorded" : String.join(", ", i.violatedControls());
    }

    private static String text(Incident i) {
        StringBuilder b = new StringBuilder();
        b.append("# Incident: ").append(i.id()).append('\n');
        b.append(i.title()).append("\n\n");
        b.append("Severity: ").append(i.severity().label()).append('\n');
        b.append("Created: ").append(when(i.createdAt())).append(" by ").append(i.createdBy()).append('\n');
        b.append("Violated axioms/controls: ").append(violated(i)).append("\n\n");
        b.append("## Incident Details\n");
        b.append(i.description().isEmpty() ? "(no description given)" : i.description()).append("\n\n");
        b.append("## Response Checklist\n");
        for (int n = 1; n <= Checklist.ITEMS.size(); n++) {
            b.append("- [ ] ").append(n).append(". ").append(Checklist.item(n)).append('\n');
        }
        b.append("\n## Links\n");
        b.append("- Incident record: ").append(i.id()).append('\n');
        for (String link : i.links()) {
            b.append("- ").append(link).append('\n');
        }
        b.append("\nCommands: !status, !timeline <text> (or react with \uD83D\uDCCC), !assign @user:server <task>, "
                + "!checklist, !check <n>, !severity <level>, !resolve <summary>, !close");
        return b.toString();
    }

    private static String html(Incident i) {
        StringBuilder b = new StringBuilder();
        b.append("<h3>Incident: ").append(escape(i.id().toString())).append("</h3>");
        b.append("<p><strong>").append(escape(i.title())).append("</strong></p>");
        b.append("<p><strong>Severity</strong>: ").append(escape(i.severity().label())).append("<br>");
        b.append("<strong>Created</strong>: ").append(escape(when(i.createdAt()))).append(" by ")
                .append(escape(i.createdBy())).append("<br>");
        b.append("<strong>Violated axioms/controls</strong>: ").append(escape(violated(i))).append("</p>");
        b.append("<h4>Incident Details</h4>");
        b.append("<p>").append(i.description().isEmpty() ? "<em>no description given</em>"
                : escape(i.description()).replace("\n", "<br>")).append("</p>");
        b.append("<h4>Response Checklist</h4><ol>");
        for (String item : Checklist.ITEMS) {
            b.append("<li>\u2610 ").append(escape(item)).append("</li>");
        }
        b.append("</ol><h4>Links</h4><ul>");
        b.append("<li>Incident record: <code>").append(escape(i.id().toString())).append("</code></li>");
        for (String link : i.links()) {
            b.append("<li>").append(linkHtml(link)).append("</li>");
        }
        b.append("</ul><p><em>Commands</em>: <code>!status</code>, <code>!timeline &lt;text&gt;</code> (or react with "
                + "\uD83D\uDCCC), <code>!assign @user:server &lt;task&gt;</code>, <code>!checklist</code>, "
                + "<code>!check &lt;n&gt;</code>, <code>!severity &lt;level&gt;</code>, "
                + "<code>!resolve &lt;summary&gt;</code>, <code>!close</code></p>");
        return b.toString();
    }

    private static String linkHtml(String link) {
        if (link.startsWith("https://") || link.startsWith("http://")) {
            return "<a href=\"" + escape(link) + "\">" + escape(link) + "</a>";
        }
        return escape(link);
    }

    /** The checklist with its state, one item per line. */
    public static List<String> checklistLines(Checklist c) {
        List<String> out = new java.util.ArrayList<>();
        for (int n = 1; n <= Checklist.ITEMS.size(); n++) {
            Checklist.Tick t = c.ticks().get(n);
            out.add((t == null ? "\u2610 " : "\u2611 ") + n + ". " + Checklist.item(n)
                    + (t == null ? "" : " (" + t.by() + ", " + when(t.at()) + ")"));
        }
        return out;
    }
}
