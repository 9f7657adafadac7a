package org.compliancebot.bot.evidence.packet;

import static org.compliancebot.bot.text.Html.escape;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import org.compliancebot.bot.evidence.EvidenceKind;
import org.compliancebot.bot.evidence.EvidenceRecord;

/**
 * The packet's {@code index.html}: one self-contained page (inline CSS, no scripts, no network) with the
 * summary, the transcript, the decisions and the timeline, readable offline in any browser. It is a view:
 * the records and proofs are the evidence.
 */
public final class HtmlReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private HtmlReport() {}

    public static String render(PacketContent p) {
        StringBuilder b = new StringBuilder(4096 + p.records().size() * 256);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Audit packet</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}")
                .append("th{background:#eee}.meta{color:#666;font-size:90%}.redacted{color:#a00}.enc{color:#666;font-style:italic}")
                .append("</style></head><body>\n<h1>Audit packet</h1>\n");
        b.append("<p class=\"meta\">Scope: ").append(escape(p.scope().toString())).append("<br>Created: ")
                .append(TIME.format(Instant.ofEpochMilli(p.createdAt()))).append("<br>Records: ").append(p.records().size())
                .append("<br>Signed tree head: size ").append(p.head().size()).append(", root ").append(escape(p.head().rootBase64()))
                .append(", signed ").append(TIME.format(Instant.ofEpochMilli(p.head().timestamp())))
                .append("<br>Log key (Ed25519): <code>").append(escape(p.head().publicKey())).append("</code>");
        long undecryptable = p.records().stream().filter(EvidenceRecord::isUndecryptable).count();
        if (undecryptable > 0) {
            b.append("<br><span class=\"enc\">Encrypted records the bot could not decrypt: ").append(undecryptable)
                    .append(" (they keep the ciphertext and the server's hashes; the transcript says why)</span>");
        }
        b.append("</p>\n")
                .append("<p>Check this packet with <code>compliance-bot verify &lt;packet&gt;</code>; see README.txt.</p>\n");

        b.append("<h2 id=\"transcript\">Transcript</h2>\n<table><tr><th>Time</th><th>Sender</th><th>Message</th><th>Links</th></tr>\n");
        for (EvidenceRecord r : byTime(p.records())) {
            if (r.kind() == EvidenceKind.MESSAGE || r.kind() == EvidenceKind.EDIT) {
                b.append("<tr><td>").append(time(r)).append("</td><td>").append(escape(r.sender())).append("</td><td>")
                        .append(message(r, p.records())).append("</td><td>").append(escape(links(r))).append("</td></tr>\n");
            }
        }
        b.append("</table>\n<h2 id=\"decisions\">Decisions</h2>\n<table><tr><th>Time</th><th>By</th><th>Decision</th><th>On</th></tr>\n");
        for (EvidenceRecord r : byTime(p.records())) {
            if (r.kind() == EvidenceKind.VALIDATION) {
                b.append("<tr><td>").append(time(r)).append("</td><td>").append(escape(r.sender())).append("</td><td>")
                        .append(escape(r.note() == null ? "" : r.note())).append("</td><td>")
                        .append(escape(String.valueOf(r.links().relatesTo()))).append("</td></tr>\n");
            }
        }
        b.append("</table>\n<h2 id=\"timeline\">Timeline</h2>\n<table><tr><th>Time</th><th>#</th><th>Kind</th><th>Type</th>"
                + "<th>Sender</th><th>Event</th></tr>\n");
        for (EvidenceRecord r : byTime(p.records())) {
            b.append("<tr><td>").append(time(r)).append("</td><td>").append(r.seq()).append("</td><td>").append(r.kind().wire())
                    .append("</td><td>").append(escape(r.effectiveType())).append("</td><td>").append(escape(r.sender()))
                    .append("</td><td><code>").append(escape(r.eventId())).append("</code></td></tr>\n");
        }
        b.append("</table>\n</body></html>\n");
        return b.toString();
    }

    private static List<EvidenceRecord> byTime(List<EvidenceRecord> records) {
        return records.stream().sorted(Comparator.comparingLong(EvidenceRecord::originServerTs)
                .thenComparingLong(EvidenceRecord::seq)).toList();
    }

    private static String message(EvidenceRecord r, List<EvidenceRecord> all) {
        StringBuilder b = new StringBuilder();
        if (r.kind() == EvidenceKind.EDIT) {
            b.append("<span class=\"meta\">(edit of ").append(escape(String.valueOf(r.links().relatesTo()))).append(")</span> ");
        }
        String body = r.body();
        if (r.kind() == EvidenceKind.EDIT && r.effectiveContent().path("m.new_content").path("body").isTextual()) {
            body = r.effectiveContent().path("m.new_content").path("body").asText();
        }
        if (!body.isEmpty()) {
            b.append(escape(body));
        } else if (r.isUndecryptable()) {
            b.append("<span class=\"enc\">[encrypted, undecryptable: ")
                    .append(escape(r.note().substring(EvidenceRecord.UNDECRYPTABLE.length()))).append("]</span>");
        } else if (r.isEncrypted()) {
            b.append("<span class=\"enc\">[encrypted: not decrypted by the bot]</span>");
        } else {
            b.append("<span class=\"meta\">[no text]</span>");
        }
        boolean redacted = all.stream().anyMatch(o -> o.kind() == EvidenceKind.REDACTION && r.eventId().equals(o.links().relatesTo()));
        if (redacted) {
            b.append(" <span class=\"redacted\">(redacted later; the record keeps the original)</span>");
        }
        return b.toString();
    }

    private static String links(EvidenceRecord r) {
        StringBuilder b = new StringBuilder();
        r.links().controls().forEach(c -> b.append(c).append(' '));
        r.links().incidents().forEach(c -> b.append(c).append(' '));
        r.links().changeRequests().forEach(c -> b.append(c).append(' '));
        r.links().commits().forEach(c -> b.append("commit ").append(c).append(' '));
        return b.toString().strip();
    }

    private static String time(EvidenceRecord r) {
        return TIME.format(Instant.ofEpochMilli(r.originServerTs()));
    }
}
