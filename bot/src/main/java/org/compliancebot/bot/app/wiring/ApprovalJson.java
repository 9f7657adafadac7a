package org.compliancebot.bot.app.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.compliancebot.bot.oversight.ApprovalRequest;
import org.compliancebot.bot.oversight.RecordedDecision;

/** Approval requests as JSON: what is asked of whom, where it was posted, and the accepted decisions. */
final class ApprovalJson {
    private ApprovalJson() {}

    static ObjectNode of(ObjectMapper mapper, ApprovalRequest r) {
        ObjectNode n = mapper.createObjectNode();
        n.put("approval_request_id", r.id().value());
        n.put("cr_id", r.crId().toString());
        n.put("risk_level", r.riskLevel().key());
        n.put("required", r.rule().describe());
        n.put("cross_signing_required", r.rule().crossSigningRequired());
        n.put("guardrail", r.guardrail().isEmpty() ? null : r.guardrail());
        n.put("requester", r.requester().value());
        n.put("status", r.status().key());
        n.put("created_at", r.createdAt().toString());
        n.put("closed_at", r.closedAt() == null ? null : r.closedAt().toString());
        n.put("room_id", r.roomId() == null ? null : r.roomId().value());
        n.put("event_id", r.postedEventId() == null ? null : r.postedEventId().value());
        ArrayNode decisions = n.putArray("decisions");
        for (RecordedDecision d : r.decisions()) {
            decisions.addObject().put("approver", d.approver().value())
                    .put("device_id", d.device() == null ? null : d.device().value())
                    .put("decision", d.kind() == org.compliancebot.bot.oversight.DecisionKind.APPROVE ? "approved" : "rejected")
                    .put("reason", d.reason().isEmpty() ? null : d.reason())
                    .put("counted_as", d.countedAs().key())
                    .put("at", d.at().toString())
                    .put("event_id", d.eventId().value());
        }
        return n;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
