package org.compliancebot.bot.app.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.compliancebot.bot.http.service.ApiException;
import org.compliancebot.bot.http.service.IncidentOpener;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.IncidentService;
import org.compliancebot.bot.incident.NewIncident;
import org.compliancebot.bot.incident.OpeningStep;
import org.compliancebot.bot.incident.Severity;

/**
 * MCP {@code matrix.create_incident_room}: opens an incident through the same service as chat and the
 * REST API, so the room is the same (encrypted, retained, not federated, invites by severity, pinned
 * report). The caller's {@code incident_id} is its own reference: it becomes the title and the
 * idempotency key, so calling again with the same reference returns the same incident and room.
 *
 * <p>The room is opened in the background; the call waits up to {@link #WAIT} for the room to exist
 * so that it can answer with its {@code room_id}. The answer's {@code opening} tells how far the
 * opening has come (invites and the report may still be on their way).
 */
final class McpIncidentOpener implements IncidentOpener {
    static final Duration WAIT = Duration.ofSeconds(20);

    private final IncidentService incidents;
    private final ApiIdentities identities;
    private final IncidentJson json;

    McpIncidentOpener(IncidentService incidents, ApiIdentities identities, IncidentJson json) {
        this.incidents = incidents;
        this.identities = identities;
        this.json = json;
    }

    @Override
    public JsonNode createIncidentRoom(String incidentId, String severity, List<String> violatedAxioms, String actor) {
        Severity level = Severity.parse(severity).orElseThrow(() -> ApiException.invalid("severity: unknown value '" + severity
                + "'; valid: " + Severity.choices()));
        String reference = incidentId.strip();
        if (reference.isEmpty() || reference.length() > NewIncident.MAX_TITLE) {
            throw ApiException.invalid("incident_id must be 1 to " + NewIncident.MAX_TITLE + " characters");
        }
        Incident opened = incidents.open(new NewIncident(reference, level, violatedAxioms,
                "Opened through MCP (matrix.create_incident_room) by " + actor + "; the caller's reference is " + reference + ".",
                List.of(), identities.recordedAs(actor), "mcp:" + reference));
        Incident now = awaitRoom(opened.id());
        ObjectNode out = json.summary(now);
        out.put("reference", reference);
        return out;
    }

    private Incident awaitRoom(IncidentId id) {
        long end = System.nanoTime() + WAIT.toNanos();
        Incident i = incidents.require(id);
        while (i.roomId().isEmpty() || i.room().opening().isBefore(OpeningStep.SECURED)) {
            if (System.nanoTime() > end) {
                return i;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return i;
            }
            i = incidents.require(id);
        }
        return i;
    }
}
