package org.compliancebot.bot.evidence;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds control ids and artefacts in message text. The patterns (documented in docs/evidence.md):
 * <ul>
 *   <li>ISO 27001 clauses and controls: {@code ISO27001-9.4.3}, {@code ISO 27001 6.1.3},
 *       {@code ISO27001:2022 A.5.24} (normalised to {@code ISO27001-<id>})</li>
 *   <li>Annex A controls on their own: {@code A.5.24}, {@code A.9.4.2} (groups 5 to 18)</li>
 *   <li>EU AI Act articles: {@code EU-AI-Act-Art-14}, {@code AI Act Article 26}, {@code Art. 14 AI Act}
 *       (normalised to {@code EU-AI-Act-Art-<n>}, articles 1 to 113)</li>
 *   <li>commits: {@code commit abc123} (6 to 40 hex digits after the word), or 12 to 40 hex digits with
 *       both letters and digits on their own</li>
 *   <li>change requests {@code CR-2025-001} / {@code AI-CR-2025-001}; incidents {@code incident-2025-10-02-001}</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class MentionDetector {
    private static final Pattern ISO = Pattern.compile(
            "\\bISO[ -]?27001(?::20(?:13|22))?[-: ]+((?:A\\.)?\\d{1,2}(?:\\.\\d{1,2}){0,2})(?![\\d.]*\\d)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ANNEX = Pattern.compile("(?<![\\w.-])A\\.(\\d{1,2})\\.(\\d{1,2})(?:\\.(\\d{1,2}))?(?![\\w]|\\.\\d)");
    private static final Pattern AI_ACT_FIRST = Pattern.compile(
            "\\b(?:EU[- ]?)?AI[- ]Act[\\s,:-]*Art(?:icle|\\.)?[\\s-]*(\\d{1,3})\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ARTICLE_FIRST = Pattern.compile(
            "\\bArt(?:icle|\\.)?\\s*(\\d{1,3})\\s+(?:of\\s+the\\s+)?(?:EU\\s+)?AI[- ]Act\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMIT_WORD = Pattern.compile("\\bcommit\\s+([0-9a-f]{6,40})\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE_HASH = Pattern.compile("(?<![\\w-])([0-9a-f]{12,40})(?![\\w-])");
    private static final Pattern CR = Pattern.compile("\\b((?:AI-)?CR)-(\\d{4})-(\\d{3,})\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern INCIDENT = Pattern.compile("\\bincident-(\\d{4}-\\d{2}-\\d{2})-(\\d{3,})\\b", Pattern.CASE_INSENSITIVE);

    private MentionDetector() {}

    public static Mentions detect(String text) {
        if (text == null || text.isEmpty()) {
            return new Mentions(java.util.List.of(), java.util.List.of(),
                    java.util.List.of(), java.util.List.of());
        }
        Set<String> controls = new LinkedHashSet<>();
        Set<String> commits = new LinkedHashSet<>();
        Set<String> crs = new LinkedHashSet<>();
        Set<String> incidents = new LinkedHashSet<>();
        Matcher m = ISO.matcher(text);
        while (m.find()) {
            String id = m.group(1);
            controls.add("ISO27001-" + (id.regionMatches(true, 0, "A.", 0, 2) ? "A." + id.substring(2) : id));
        }
        m = ANNEX.matcher(text);
        while (m.find()) {
            int group = Integer.parseInt(m.group(1));
            if (group >= 5 && group <= 18 && !precededByIso(text, m.start())) {
                controls.add(m.group(0));
            }
        }
        for (Pattern p : new Pattern[] {AI_ACT_FIRST, ARTICLE_FIRST}) {
            m = p.matcher(text);
            while (m.find()) {
                int article = Integer.parseInt(m.group(1));
                if (article >= 1 && article <= 113) {
                    controls.add("EU-AI-Act-Art-" + article);
                }
            }
        }
        m = COMMIT_WORD.matcher(text);
        while (m.find()) {
            commits.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        m = BARE_HASH.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String h = m.group(1);
            if (h.chars().anyMatch(Character::isDigit) && h.chars().anyMatch(Character::isLetter)) {
                commits.add(h);
            }
        }
        m = CR.matcher(text);
        while (m.find()) {
            crs.add(m.group(1).toUpperCase(Locale.ROOT) + "-" + m.group(2) + "-" + m.group(3));
        }
        m = INCIDENT.matcher(text);
        while (m.find()) {
            incidents.add("incident-" + m.group(1) + "-" + m.group(2));
        }
        return new Mentions(java.util.List.copyOf(controls), java.util.List.copyOf(commits), java.util.List.copyOf(crs),
                java.util.List.copyOf(incidents));
    }

    /** An Annex A id right after "ISO 27001" is already counted in its ISO form. */
    private static boolean precededByIso(String text, int at) {
        String before = text.substring(Math.max(0, at - 16), at).toUpperCase(Locale.ROOT);
        return before.matches(".*ISO[ -]?27001(?::20(?:13|22))?[-: ]+$");
    }
}
