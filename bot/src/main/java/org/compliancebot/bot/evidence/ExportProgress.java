package org.compliancebot.bot.evidence;

/** Progress of a long extraction or export, for the command line. Must be cheap and must not throw. */
@FunctionalInterface
public interface ExportProgress {
    void update(String phase, long done, long total);

    static ExportProgress none() {
        return (phase, done, total) -> { };
    }
}
