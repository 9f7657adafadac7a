package org.compliancebot.bot.oversight;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a reply to an approval request. After removing a quoted reply fallback, the text must
 * start with the word {@code APPROVED}, or with {@code REJECTED:} followed by a reason. Case does not
 * matter; the keyword must be a whole word ({@code APPROVEDX} is not a decision).
 *
 * <p>When the message has a formatted (HTML) body as well, both are read and must agree: clients
 * show the formatted body, so a message whose two bodies say different things is refused rather
 * than guessed at.
 */
public final class DecisionParser {
    static final int MAX_REASON_LENGTH = 2000;

    private static final Pattern APPROVED = Pattern.compile("^approved(?![\\p{L}\\p{N}_])", Pattern.CASE_INSENSITIVE);
    private static final Pattern REJECTED_WORD = Pattern.compile("^rejected(?![\\p{L}\\p{N}_])", Pattern.CASE_INSENSITIVE);
    private static final Pattern REJECTED_WITH_REASON =
            Pattern.compile("^rejected\\s*:(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern MX_REPLY = Pattern.compile("<mx-reply>.*?</mx-reply>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LINE_BREAK_TAGS = Pattern.compile("<br\\s*/?>|</p>|</div>|</li>|</h\\d>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x[0-9a-fA-F]{1,6}|\\d{1,7});");

    static final String EXPECTED = "reply APPROVED, or REJECTED: <reason>";

    private DecisionParser() {}

    /**
     * Parses a reply.
     *
     * @param body the plain-text {@code body}; required
     * @param formattedBody the {@code formatted_body} (org.matrix.custom.html), or null
     */
    public static Decision parse(String body, String formattedBody) {
        Decision plain = parseText(stripPlainFallback(body == null ? "" : body));
        if (formattedBody == null) {
            return plain;
        }
        Decision formatted = parseText(htmlToText(formattedBody));
        if (plain.getClass() != formatted.getClass()) {
            return new Decision.NotADecision("the plain and formatted bodies of the message say different things; "
                    + EXPECTED);
        }
        return plain;
    }

    /** Parses already-cleaned text. */
    static Decision parseText(String text) {
        String t = text.strip();
        if (APPROVED.matcher(t).find()) {
            return new Decision.Approve();
        }
        if (REJECTED_WORD.matcher(t).find()) {
            Matcher m = REJECTED_WITH_REASON.matcher(t);
            if (!m.matches()) {
                return new Decision.NotADecision("a rejection needs a colon and a reason: REJECTED: <reason>");
            }
            String reason = m.group(1).strip();
            if (reason.isEmpty()) {
                return new Decision.NotADecision("a rejection needs a reason after the colon: REJECTED: <reason>");
            }
            if (reason.length() > MAX_REASON_LENGTH) {
                reason = reason.substring(0, MAX_REASON_LENGTH);
            }
            return new Decision.Reject(reason);
        }
        return new Decision.NotADecision("the reply does not start with APPROVED or REJECTED:; " + EXPECTED);
    }

    /** Removes leading {@code "> "} quote lines and the blank line after them (a reply fallback). */
    static String stripPlainFallback(String body) {
        List<String> lines = body.lines().toList();
        int i = 0;
        while (i < lines.size() && (lines.get(i).startsWith("> ") || lines.get(i).equals(">"))) {
            i++;
        }
        if (i == 0) {
            return body;
        }
        if (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        return String.join("\n", lines.subList(i, lines.size()));
    }

    /** Drops the {@code <mx-reply>} fallback, then tags, and decodes entities. */
    static String htmlToText(String html) {
        String s = MX_REPLY.matcher(html).replaceAll("");
        s = LINE_BREAK_TAGS.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        return decodeEntities(s);
    }

    private static String decodeEntities(String s) {
        Matcher m = NUMERIC_ENTITY.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String num = m.group(1);
            int cp = num.startsWith("x") ? Integer.parseInt(num.substring(1), 16) : Integer.parseInt(num);
            String rep = Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "";
            m.appendReplacement(sb, Matcher.quoteReplacement(rep));
        }
        m.appendTail(sb);
        // &amp; last so that "&amp;lt;" decodes to "&lt;", not "<".
        return sb.toString().replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&apos;", "'").replace("&amp;", "&");
    }
}
