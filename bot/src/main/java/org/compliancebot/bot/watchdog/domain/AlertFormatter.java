package org.compliancebot.bot.watchdog.domain;

import static org.compliancebot.bot.text.Html.escape;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Renders alerts for Element: the level first and coloured, the title in bold, then details. Every
 * message names the alert number so that people (and {@code !ack 12}) can refer to it.
 */
public final class AlertFormatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final Map<Level, String> COLOURS = new EnumMap<>(Map.of(
            Level.INFORMATIONAL, "#6e7781", Level.ADVISORY, "#0969da", Level.WARNING, "#bf8700", Level.CRITICAL, "#d1242f"));

    /** The text a level is shown with, e.g. {@code 🔴 CRITICAL}. */
    public static String levelTag(Level l) {
        return l.marker() + " " + l.label().toUpperCase(java.util.Locale.ROOT);
    }

    private static String levelHtml(Level l) {
        String c = COLOURS.get(l);
        return "<strong><font color=\"" + c + "\" data-mx-color=\"" + c + "\">" + escape(levelTag(l)) + "</font></strong>";
    }

    /** The alert's own message in the monitoring room. */
    public Rendered firing(StoredAlert s) {
        IncomingAlert a = s.alert();
        StringBuilder p = new StringBuilder();
        p.append(levelTag(a.level())).append(" · ").append(a.title()).append('\n');
        StringBuilder h = new StringBuilder();
        h.append("<p>").append(levelHtml(a.level())).append(" · <strong>").append(escape(a.title())).append("</strong></p>");
        details(s, p, h);
        p.append("Acknowledge with a !ack reply or a ✅ reaction.");
        h.append("<p><em>Acknowledge with a <code>!ack</code> reply or a ✅ reaction.</em></p>");
        return new Rendered(p.toString(), h.toString());
    }

    /** The replacement text of the alert's message once it resolved. */
    public Rendered resolved(StoredAlert s) {
        IncomingAlert a = s.alert();
        StringBuilder p = new StringBuilder("✅ RESOLVED (was ").append(a.level().label()).append(") · ").append(a.title()).append('\n');
        StringBuilder h = new StringBuilder("<p><strong><font color=\"#1a7f37\" data-mx-color=\"#1a7f37\">✅ RESOLVED</font></strong> (was ")
                .append(levelHtml(a.level())).append(") · <del>").append(escape(a.title())).append("</del></p>");
        details(s, p, h);
        String when = "Resolved at " + TIME.format(s.resolvedAt()) + (s.fireCount() > 1 ? "; fired " + s.fireCount() + " times" : "") + ".";
        p.append(when);
        h.append("<p><em>").append(escape(when)).append("</em></p>");
        return new Rendered(p.toString(), h.toString());
    }

    /** The short reply in the alert's thread when it resolves. */
    public Rendered resolvedReply(StoredAlert s) {
        String t = "✅ Resolved: alert #" + s.id() + " " + s.alert().title() + " at " + TIME.format(s.resolvedAt()) + ".";
        return new Rendered(t, "<p>" + escape(t) + "</p>");
    }

    /** One message standing for many alerts, sent when the queue grew. */
    public Rendered digest(long digestId, List<StoredAlert> alerts) {
        Map<Level, Integer> counts = new EnumMap<>(Level.class);
        alerts.forEach(a -> counts.merge(a.level(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        for (Level l : List.of(Level.CRITICAL, Level.WARNING, Level.ADVISORY, Level.INFORMATIONAL)) {
            if (counts.containsKey(l)) {
                parts.add(counts.get(l) + " " + l.label());
            }
        }
        Level top = alerts.stream().map(StoredAlert::level).max(Enum::compareTo).orElse(Level.INFORMATIONAL);
        String head = "Digest " + digestId + ": " + alerts.size() + " alerts (" + String.join(", ", parts) + ")";
        StringBuilder p = new StringBuilder(levelTag(top)).append(" · ").append(head).append('\n');
        StringBuilder h = new StringBuilder("<p>").append(levelHtml(top)).append(" · <strong>").append(escape(head)).append("</strong></p><ul>");
        for (StoredAlert a : alerts) {
            String state = a.resolvedAt() != null ? " (resolved)" : "";
            p.append("• ").append(levelTag(a.level())).append(" #").append(a.id()).append(' ').append(a.alert().title()).append(state).append('\n');
            h.append("<li>").append(levelHtml(a.level())).append(" #").append(a.id()).append(' ').append(escape(a.alert().title()))
                    .append(escape(state)).append("</li>");
        }
        h.append("</ul>");
        p.append("A !ack reply or a ✅ reaction acknowledges every alert listed.");
        h.append("<p><em>A <code>!ack</code> reply or a ✅ reaction acknowledges every alert listed.</em></p>");
        return new Rendered(p.toString(), h.toString());
    }

    /** The copy of a Critical alert for the oversight room. */
    public Rendered oversightCopy(StoredAlert s) {
        Rendered r = firing(s);
        String pre = "Critical alert in the monitoring room. ";
        return new Rendered(pre + r.plain(), "<p>" + escape(pre) + "</p>" + r.html());
    }

    /** The escalation notice for the oversight room, mentioning the human overseers. */
    public Rendered escalation(StoredAlert s, java.time.Duration after, List<String> overseers) {
        String who = overseers.isEmpty() ? "" : String.join(" ", overseers) + ": ";
        String t = "⏫ " + who + "Critical alert #" + s.id() + " \"" + s.alert().title() + "\" has not been acknowledged for "
                + after.toMinutes() + " minutes (first seen " + TIME.format(s.firstSeen()) + ").";
        StringBuilder h = new StringBuilder("<p>⏫ ");
        for (String o : overseers) {
            h.append("<a href=\"https://matrix.to/#/").append(escape(o)).append("\">").append(escape(o)).append("</a> ");
        }
        h.append(levelHtml(Level.CRITICAL)).append(" alert #").append(s.id()).append(" <strong>").append(escape(s.alert().title()))
                .append("</strong> has not been acknowledged for ").append(after.toMinutes()).append(" minutes (first seen ")
                .append(escape(TIME.format(s.firstSeen()))).append(").</p>");
        return new Rendered(t, h.toString(), overseers);
    }

    /** The reply confirming an acknowledgement. */
    public Rendered acknowledged(List<Long> ids, String by, Instant at) {
        String t = "Acknowledged " + (ids.size() == 1 ? "alert #" + ids.get(0) : ids.size() + " alerts") + " by " + by + " at " + TIME.format(at) + ".";
        return new Rendered(t, "<p>" + escape(t) + "</p>");
    }

    private static void details(StoredAlert s, StringBuilder p, StringBuilder h) {
        IncomingAlert a = s.alert();
        if (!a.description().isBlank()) {
            p.append(a.description()).append('\n');
            h.append("<p>").append(escape(a.description())).append("</p>");
        }
        String meta = "Alert #" + s.id() + " · source " + a.source() + " · first seen " + TIME.format(s.firstSeen());
        p.append(meta).append('\n');
        h.append("<p><small>").append(escape(meta)).append("</small></p>");
        if (!a.labels().isEmpty()) {
            List<String> kv = new ArrayList<>();
            a.labels().forEach((k, v) -> kv.add(k + "=" + v));
            p.append("Labels: ").append(String.join(", ", kv)).append('\n');
            h.append("<p><small>Labels: <code>").append(escape(String.join(", ", kv))).append("</code></small></p>");
        }
        if (!a.links().isEmpty()) {
            p.append("Links: ").append(String.join(" ", a.links())).append('\n');
            h.append("<ul>");
            for (String l : a.links()) {
                if (l.startsWith("https://") || l.startsWith("http://")) {
                    h.append("<li><a href=\"").append(escape(l)).append("\">").append(escape(l)).append("</a></li>");
                } else {
                    h.append("<li>").append(escape(l)).append("</li>");
                }
            }
            h.append("</ul>");
        }
    }
}
