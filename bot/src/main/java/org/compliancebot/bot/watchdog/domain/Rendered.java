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
}
