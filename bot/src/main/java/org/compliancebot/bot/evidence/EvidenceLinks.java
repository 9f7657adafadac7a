package org.compliancebot.bot.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a record is linked to: incidents, change requests, controls, commits, and the event it changes
 * (for edits, redactions and validations). Lists are sorted and free of duplicates.
 *
 * @param relatesTo the event id (or {@code record:<seq>} for a validation) this record changes; may be null
 */
public record EvidenceLinks(List<String> incidents, List<String> changeRequests, List<String> controls,
                            List<String> commits, String relatesTo) {
    public EvidenceLinks {
        incidents = sorted(incidents);
        changeRequests = sorted(changeRequests);
        controls = sorted(controls);
        commits = sorted(commits);
    }

    public static EvidenceLinks none() {
        return new EvidenceLinks(List.of(), List.of(), List.of(), List.of(), null);
    }

    public static EvidenceLinks of(Mentions m) {
        return new EvidenceLinks(m.incidents(), m.changeRequests(), m.controls(), m.commits(), null);
    }

    public EvidenceLinks withRelatesTo(String target) {
        return new EvidenceLinks(incidents, changeRequests, controls, commits, target);
    }

    public EvidenceLinks plusIncident(String incident) {
        List<String> l = new ArrayList<>(incidents);
        l.add(incident);
        return new EvidenceLinks(l, changeRequests, controls, commits, relatesTo);
    }

    public EvidenceLinks plusChangeRequest(String cr) {
        List<String> l = new ArrayList<>(changeRequests);
        l.add(cr);
        return new EvidenceLinks(incidents, l, controls, commits, relatesTo);
    }

    public boolean isEmpty() {
        return incidents.isEmpty() && changeRequests.isEmpty() && controls.isEmpty() && commits.isEmpty() && relatesTo == null;
    }

    private static List<String> sorted(List<String> in) {
        return in == null ? List.of() : List.copyOf(new TreeSet<>(in));
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        put(o, "incidents", incidents);
        put(o, "change_requests", changeRequests);
        put(o, "controls", controls);
        put(o, "commits", commits);
        if (relatesTo != null) {
            o.put("relates_to", relatesTo);
        }
        return o;
    }

    private static void put(ObjectNode o, String key, List<String> values) {
        if (!values.isEmpty()) {
            values.forEach(o.putArray(key)::add);
        }
    }

    static EvidenceLinks fromJson(JsonNode o) {
        return new EvidenceLinks(list(o.path("incidents")), list(o.path("change_requests")), list(o.path("controls")),
                list(o.path("commits")), o.hasNonNull("relates_to") ? o.get("relates_to").asText() : null);
    }

    private static List<String> list(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
