package org.compliancebot.bot.text;

/** Escaping for text placed into HTML: Matrix {@code org.matrix.custom.html} bodies and the packet's {@code index.html}. */
public final class Html {
    private Html() {}

    /** Escapes {@code & < > " '} so that user text can never become markup. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
