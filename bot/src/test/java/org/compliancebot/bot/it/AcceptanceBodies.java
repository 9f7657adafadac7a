package org.compliancebot.bot.it;

/** Request bodies shared by the watchdog acceptance tests. */
final class AcceptanceBodies {
    private AcceptanceBodies() {}

    static String generic(String fingerprint, String level, String title) {
        return "{\"source\":\"backup\",\"fingerprint\":\"" + fingerprint + "\",\"title\":\"" + title + "\",\"level\":\"" + level + "\"}";
    }
}
