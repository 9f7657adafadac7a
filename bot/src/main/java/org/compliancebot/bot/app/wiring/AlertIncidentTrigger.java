package org.compliancebot.bot.app.wiring;

import java.util.ArrayList;
import java.util.List;
import org.compliancebot.bot.incident.IncidentException;
import org.compliancebot.bot.incident.IncidentService;
import org.compliancebot.bot.incident.NewIncident;
import org.compliancebot.bot.incident.Severity;
import org.compliancebot.bot.watchdog.domain.IncidentTrigger;
import org.compliancebot.bot.watchdog.domain.IncomingAlert;
import org.compliancebot.bot.watchdog.domain.StoredAlert;

/**
 * Opens a CRITICAL incident for a Critical watchdog alert. The alert's number is the idempotency key,
 * so a retry after a failure returns the incident opened the first time.
 */
final class AlertIncidentTrigger implements IncidentTrigger {
    private final IncidentService incidents;

    AlertIncidentTrigger(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public String openFor(StoredAlert stored) {
        IncomingAlert a = stored.alert();
        String title = a.title().strip().replaceAll("\\s+", " ");
        if (title.length() > NewIncident.MAX_TITLE) {
            title = title.substring(0, NewIncident.MAX_TITLE - 1) + "\u2026";
        }
        StringBuilder description = new StringBuilder("Opened by the watchdog for Critical alert #" + stored.id()
                + " from " + a.source() + ".");
        if (!a.description().isBlank()) {
            description.append("\n\n").append(a.description().strip());
        }
        List<String> controls = new ArrayList<>();
        String axioms = a.labels().get("violated_axioms");
        if (axioms != null) {
            for (String x : axioms.split("[,\\s]+")) {
                controls.add(x);
            }
        }
        try {
            return incidents.open(new NewIncident(title, Severity.CRITICAL, controls, description.toString(), a.links(),
                    "watchdog", "watchdog:alert:" + stored.id())).id().toString();
        } catch (IncidentException | IllegalArgumentException e) {
            // The poster retries on IllegalStateException.
            throw new IllegalStateException("cannot open an incident for alert #" + stored.id() + ": " + e.getMessage(), e);
        }
    }
}
