package org.compliancebot.bot.watchdog.domain;

import java.util.List;

/**
 * A chat message in both forms Element shows: plain text and HTML.
 *
 * @param mentions users the message mentions (for {@code m.mentions}); may be empty
 */
public record Rendered(String plain, String html, List<String> mentions) {
    public Rendered {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    public Rendered(String plain, String html) {
        this(plain, html, List.of());
    }

    /** Escapes text for HTML bodies and attributes. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
