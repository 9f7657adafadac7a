package org.compliancebot.bot.incident;

/**
 * Opens incidents; what the HTTP API, the CLI and the watchdog call. Recording is immediate: the
 * returned incident has its ID, and its room is opened in the background (create, invite, post
 * the report, pin it), resuming after failures. A request with a source key seen before returns
 * the incident opened for it.
 */
@FunctionalInterface
public interface IncidentOpener {
    Incident open(NewIncident request);
}
