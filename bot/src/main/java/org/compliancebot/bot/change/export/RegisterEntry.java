package org.compliancebot.bot.change.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.compliancebot.bot.change.Capa;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.DimensionImpact;
import org.compliancebot.bot.change.Gate;
import org.compliancebot.bot.change.GateEvidence;
import org.compliancebot.bot.change.ImpactAssessment;
import org.compliancebot.bot.change.RegressionAnalysis;
import org.compliancebot.bot.change.Risk;
import org.compliancebot.bot.oversight.ApprovalPolicy;

/** One change request as an entry of the change register. */
final class RegisterEntry {
    private RegisterEntry() {}

    static ObjectNode of(ObjectMapper json, ChangeRequest cr, ApprovalPolicy policy, List<Capa> capas,
            List<ChangeLogEntry> log) {
        ObjectNode n = json.createObjectNode();
        n.put("cr_id", cr.id() == null ? null : cr.id().toString());
        n.put("draft_ref", cr.ref().toString());
        n.put("cr_type", ChangeExports.crType(cr));
        n.put("change_type", cr.type().key());
        n.put("change_class", cr.changeClass().key());
        n.put("observation_window_hours", cr.changeClass().observationWindow().toHours());
        n.put("status", cr.state().key());
        n.put("final_status", cr.outcome() == null ? null : cr.outcome().label());
        n.put("created_by", cr.requester().toString());
        n.put("created_date", cr.createdAt().toString());
        ArrayNode approvers = n.putArray("approver");
        if (cr.approval() != null) {
            cr.approval().approvers().forEach(u -> approvers.add(u.toString()));
        }
        n.put("auto_approved", cr.approval() != null && cr.approval().byBot());
        n.put("approval_date", cr.approval() == null ? null : cr.approval().at().toString());
        n.put("deployment_date", cr.deployedAt() == null ? null : cr.deployedAt().toString());

        ObjectNode desc = n.putObject("change_description");
        desc.put("summary", cr.description().summary());
        desc.put("details", cr.description().details());
        strings(desc.putArray("affected_modules"), cr.description().affectedModules());
        strings(desc.putArray("stakeholders"), cr.description().stakeholders().stream().map(Object::toString).toList());
        strings(desc.putArray("categories"), cr.description().categories().stream().sorted().toList());

        n.set("impact_assessment", cr.impact() == null ? null : impact(json, cr.impact()));
        n.set("risk_assessment", cr.risks() == null ? null : risks(json, cr, policy));
        n.set("regression_analysis", cr.regression() == null ? null : regression(json, cr.regression()));
        if (cr.rollbackPlan() == null) {
            n.putNull("rollback_plan");
        } else {
            ObjectNode rb = n.putObject("rollback_plan");
            rb.put("type", cr.rollbackPlan().kind().key());
            rb.put("procedure", cr.rollbackPlan().procedure());
            rb.put("decision_criteria", cr.rollbackPlan().decisionCriteria());
            rb.put("tested_in_test_environment", cr.rollbackPlan().testedInTestEnvironment());
        }
        ArrayNode gates = n.putArray("gates");
        for (Gate g : Gate.values()) {
            GateEvidence e = cr.gates().get(g);
            ObjectNode gn = gates.addObject();
            gn.put("gate", g.number());
            gn.put("title", g.title());
            gn.put("satisfied", e != null);
            gn.put("evidence", e == null ? null : e.text());
            strings(gn.putArray("links"), e == null ? List.of() : e.links());
            gn.put("by", e == null ? null : e.by().toString());
            gn.put("at", e == null ? null : e.at().toString());
        }
        if (cr.emergency() == null) {
            n.putNull("emergency");
        } else {
            ObjectNode em = n.putObject("emergency");
            em.put("declared_by", cr.emergency().declaredBy().toString());
            em.put("declared_at", cr.emergency().declaredAt().toString());
            em.put("justification", cr.emergency().justification());
            em.put("retrospective_due", cr.emergency().retrospectiveDueAt().toString());
        }
        ArrayNode rollbacks = n.putArray("rollback_events");
        for (ChangeLogEntry e : log) {
            if (e.kind() == ChangeLogEntry.Kind.TRANSITION && e.to() == CrState.ROLLBACK) {
                ObjectNode r = rollbacks.addObject();
                r.put("at", e.at().toString());
                r.put("by", e.actor().toString());
                r.put("reason", e.reason());
            }
        }
        ArrayNode capaList = n.putArray("capa");
        for (Capa c : capas) {
            ObjectNode cn = capaList.addObject();
            cn.put("capa_id", c.id().toString());
            cn.put("cr_id", c.crId().toString());
            cn.put("opened_at", c.openedAt().toString());
            cn.put("reason", c.reason());
            cn.put("status", c.status().key());
        }
        return n;
    }

    private static ObjectNode impact(ObjectMapper json, ImpactAssessment i) {
        ObjectNode n = json.createObjectNode();
        dimension(n.putObject("technical"), i.technical());
        dimension(n.putObject("tenant"), i.tenant());
        dimension(n.putObject("compliance"), i.compliance());
        dimension(n.putObject("operational"), i.operational());
        n.put("overall_impact", i.overall().key());
        return n;
    }

    private static void dimension(ObjectNode n, DimensionImpact d) {
        n.put("level", d.level().key());
        n.put("notes", d.notes());
    }

    private static ObjectNode risks(ObjectMapper json, ChangeRequest cr, ApprovalPolicy policy) {
        ObjectNode n = json.createObjectNode();
        ArrayNode list = n.putArray("risks");
        for (Risk r : cr.risks().risks()) {
            ObjectNode rn = list.addObject();
            rn.put("risk_id", r.id());
            rn.put("description", r.description());
            rn.put("category", r.category());
            rn.put("likelihood", r.likelihood().key().replace('-', '_'));
            rn.put("impact", r.impact().key());
            rn.put("risk_level", r.level().key());
            rn.put("treatment", r.treatment().key());
            rn.put("mitigation", r.mitigation());
        }
        n.put("overall_risk_level", cr.risks().overall().key());
        n.put("approval_authority", policy.authorityFor(cr, cr.risks().overall()).rule().describe());
        return n;
    }

    private static ObjectNode regression(ObjectMapper json, RegressionAnalysis r) {
        ObjectNode n = json.createObjectNode();
        ObjectNode existing = n.putObject("existing_tests");
        existing.put("total", r.existingTests().size());
        existing.put("passed", r.existingPassed());
        existing.put("failed", r.existingFailed());
        ObjectNode fresh = n.putObject("new_tests");
        fresh.put("required", r.newTestsRequired().size());
        fresh.put("passed", r.newPassed());
        fresh.put("failed", r.newFailed());
        n.put("regression_detected", r.regressionDetected());
        n.put("notes", r.notes());
        return n;
    }

    static String testSummary(ChangeRequest cr) {
        GateEvidence g4 = cr.gates().get(Gate.REGRESSION_TESTS);
        RegressionAnalysis r = cr.regression();
        String counts = r == null ? "" : "existing " + r.existingPassed() + " passed / " + r.existingFailed()
                + " failed; new " + r.newPassed() + " passed / " + r.newFailed() + " failed";
        if (g4 == null) {
            return counts.isEmpty() ? "no test results recorded" : counts;
        }
        return counts.isEmpty() ? g4.text() : counts + "; " + g4.text();
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
