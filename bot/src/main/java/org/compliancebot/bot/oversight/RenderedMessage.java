package org.compliancebot.bot.oversight;

import java.util.Objects;
import org.compliancebot.bot.text.Html;

/**
 * A message ready to send: the plain {@code body} and the {@code formatted_body} in the
 * {@code org.matrix.custom.html} format. All user-supplied text in {@code html} is escaped.
 */
public record RenderedMessage(String plain, String html) {
    public RenderedMessage {
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(html, "html");
    }

    /** A one-paragraph message from plain text, escaped for the HTML body. */
    public static RenderedMessage text(String plain) {
        return new RenderedMessage(plain, "<p>" + Html.escape(plain).replace("\n", "<br>") + "</p>");
    }
}
