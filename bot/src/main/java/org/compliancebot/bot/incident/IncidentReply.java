package org.compliancebot.bot.incident;

/** What the bot answers to a command: plain text and, when it has formatting, HTML. */
public record IncidentReply(String body, String html) {
    public static IncidentReply text(String body) {
        return new IncidentReply(body, null);
    }
}
