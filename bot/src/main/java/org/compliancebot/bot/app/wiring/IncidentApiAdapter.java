package org.compliancebot.bot.app.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.compliancebot.bot.http.service.ApiException;
import org.compliancebot.bot.http.service.IncidentApi;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentDesk;
import org.compliancebot.bot.incident.IncidentException;
import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.IncidentService;
import org.compliancebot.bot.incident.IncidentStatus;
import org.compliancebot.bot.incident.NewIncident;
import org.compliancebot.bot.incident.Severity;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bridge.id.UserId;

/**
 * The REST incident routes on the {@link IncidentService}. Opening needs only the {@code incidents:write}
 * scope (as {@code !incident open} needs only a command room); documenting a resolution and closing are
 * decisions of people, so they need a token acting for a user who holds the same role as in chat: a
 * resolution the security lead, human overseer or CTO, a closure the security lead.
 *
 * <p>Open body: {@code title}, {@code severity} (low, medium, high, critical or P0-P3), optional
 * {@code violated_controls} (or {@code violated_axioms}), {@code description}, {@code links} and
 * {@code idempotency_key} (a second request with the same key returns the first incident).
 * Close body: optional {@code resolution}, documented before the closure when the incident has none.
 */
final class IncidentApiAdapter implements IncidentApi {
    private final IncidentService incidents;
    private final ApiIdentities identities;
    private final IncidentJson json;
    private final ObjectMapper mapper;
    private final Clock clock;

    IncidentApiAdapter(IncidentService incidents, ApiIdentities identities, IncidentJson json, ObjectMapper mapper, Clock clock) {
        this.incidents = incidents;
        this.identities = identities;
        this.json = json;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public JsonNode list(Map<String, String> filter) {
        IncidentStatus status = null;
        String s = filter.get("status");
        if (s != null && !s.isBlank() && !"all".equalsIgnoreCase(s)) {
            status = Bodies.choice("status", s, v -> Arrays.stream(IncidentStatus.values())
                    .filter(x -> x.label().equals(v.strip().toLowerCase(Locale.ROOT))).findFirst(), "open, resolved, closed, all");
        }
        ObjectNode out = mapper.createObjectNode();
        ArrayNode list = out.putArray("incidents");
        incidents.list(status).forEach(i -> list.add(json.summary(i)));
        return out;
    }

    @Override
    public JsonNode get(String id) {
        IncidentId incident = parse(id);
        return json.details(incidents.details(incident), incidents.metrics(incident));
    }

    @Override
    public JsonNode open(JsonNode request, String actor) {
        Severity severity = Bodies.choice("severity", Bodies.text(request, "severity"), Severity::parse, Severity.choices());
        var controls = new java.util.ArrayList<>(Bodies.strings(request, "violated_controls"));
        controls.addAll(Bodies.strings(request, "violated_axioms"));
        String key = Bodies.optionalText(request, "idempotency_key").map(k -> "api:" + k).orElse(null);
        NewIncident spec;
        try {
            spec = new NewIncident(Bodies.text(request, "title"), severity, controls,
                    Bodies.optionalText(request, "description").orElse(""), Bodies.strings(request, "links"),
                    identities.recordedAs(actor), key);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
        return json.summary(incidents.open(spec));
    }

    @Override
    public JsonNode close(String id, JsonNode request, String actor) {
        IncidentId incident = parse(id);
        UserId user = identities.require(actor, "close an incident");
        var resolution = Bodies.optionalText(request, "resolution");
        try {
            Incident current = incidents.require(incident);
            if (resolution.isPresent() && current.resolution() == null) {
                requireRole(user, IncidentDesk.COMMANDERS, "document the resolution");
            }
            requireRole(user, EnumSet.of(Role.SECURITY_LEAD), "close an incident");
            if (resolution.isPresent() && current.resolution() == null) {
                incidents.resolve(incident, resolution.get(), user, null, clock.instant());
            }
            return json.summary(incidents.requestClose(incident, user, null, clock.instant()));
        } catch (IncidentException e) {
            throw new ApiException(422, "invalid_request", e.getMessage());
        }
    }

    private void requireRole(UserId user, java.util.Set<Role> roles, String what) {
        if (!incidents.roles().holdsAny(user, roles)) {
            throw new ApiException(403, "forbidden", user + " may not " + what + "; only the "
                    + roles.stream().map(Role::label).collect(Collectors.joining(", ")) + " may");
        }
    }

    private IncidentId parse(String id) {
        IncidentId parsed;
        try {
            parsed = IncidentId.parse(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
        if (incidents.find(parsed).isEmpty()) {
            throw ApiException.notFound("incident " + parsed);
        }
        return parsed;
    }
}
