package org.compliancebot.bot.watchdog.domain;

/**
 * Opens an incident for a Critical alert, when the configuration asks for it. The incident module
 * implements it; the watchdog calls it at most once per alert and stores the returned incident id.
 */
@FunctionalInterface
public interface IncidentTrigger {
    /** Opens the incident and returns its id. Throws when it cannot; the watchdog retries later. */
    String openFor(StoredAlert alert);
}
