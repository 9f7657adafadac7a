package org.compliancebot.bot.evidence;

/**
 * Where the evidence log reports that its integrity is broken (a stored record or head no longer matches a
 * signed head). Implementations post to the monitoring room, page someone, or both; they must not throw.
 */
@FunctionalInterface
public interface AlertSink {
    /**
     * @param key     a stable key for de-duplication, e.g. {@code evidence-integrity:<size>}
     * @param summary one line for people
     * @param detail  what exactly was found
     */
    void raise(String key, String summary, String detail);
}
