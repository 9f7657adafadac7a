package org.compliancebot.bot.change.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancebot.bot.testing.People.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.RegressionAnalysis;
import org.compliancebot.bot.change.RollbackPlan;
import org.compliancebot.bot.change.workflow.PlanUpdate;
import org.compliancebot.bot.testing.WorkflowFixture;
import org.junit.jupiter.api.Test;

class ChangeExportsTest {
    private final WorkflowFixture f = new WorkflowFixture();

    private ChangeExports exports() {
        return new ChangeExports(f.env.changeRequests(), f.env.capas(), f.env.changeLog(), f.env.approvalPolicy(), f.clock);
    }

    private ChangeRequest rolledBack() {
        ChangeRequest cr = f.approved();
        f.service.updatePlans(cr.id(), new PlanUpdate(new RegressionAnalysis(List.of("a", "b"), List.of("c"), 2, 0, 1, 0, ""),
                new RollbackPlan(RollbackPlan.Kind.CODE, "revert commit", "error rate > 5%", true), null), ALICE);
        f.service.advance(cr.id(), CrState.SCHEDULED, ALICE, "");
        f.service.advance(cr.id(), CrState.TESTING, ALICE, "");
        f.satisfyAllGates(cr.id());
        f.service.advance(cr.id(), CrState.DEPLOYED, LEE, "deployed");
        f.advanceTime(Duration.ofMinutes(20));
        f.service.advance(cr.id(), CrState.DEPLOY_FAILED, LEE, "errors");
        f.service.advance(cr.id(), CrState.ROLLBACK, LEE, "error rate 12%");
        return f.service.advance(cr.id(), CrState.CLOSED, LEE, "");
    }

    @Test
    void changeRegisterHasTheSpecifiedShape() throws Exception {
        ChangeRequest cr = rolledBack();
        f.service.create(ALICE, org.compliancebot.bot.change.workflow.NewChange.normal("a draft"));
        JsonNode root = new ObjectMapper().readTree(exports().changeRegisterJson());
        assertThat(root.get("generated_at").asText()).isEqualTo(f.clock.instant().toString());
        JsonNode e = root.get("change_register").get(0);
        assertThat(fieldNames(e)).contains("cr_id", "cr_type", "status", "created_date", "approver", "deployment_date",
                "change_description", "impact_assessment", "risk_assessment", "regression_analysis", "gates",
                "rollback_events", "capa");
        assertThat(e.get("cr_id").asText()).isEqualTo(cr.id().toString());
        assertThat(e.get("cr_type").asText()).isEqualTo("manual");
        assertThat(e.get("status").asText()).isEqualTo("closed");
        assertThat(e.get("final_status").asText()).isEqualTo("Rolled back");
        assertThat(e.get("approver").get(0).asText()).isEqualTo(OLGA.toString());
        assertThat(e.get("auto_approved").asBoolean()).isFalse();
        assertThat(e.get("deployment_date").asText()).isEqualTo(cr.deployedAt().toString());
        assertThat(e.get("change_description").get("summary").asText()).isEqualTo("Add asset_owner to assets");
        JsonNode impact = e.get("impact_assessment");
        assertThat(fieldNames(impact)).containsExactly("technical", "tenant", "compliance", "operational", "overall_impact");
        assertThat(impact.get("overall_impact").asText()).isEqualTo("medium");
        JsonNode risk = e.get("risk_assessment");
        assertThat(fieldNames(risk.get("risks").get(0))).containsExactly("risk_id", "description", "category", "likelihood",
                "impact", "risk_level", "treatment", "mitigation");
        assertThat(risk.get("risks").get(0).get("likelihood").asText()).isEqualTo("likely");
        assertThat(risk.get("overall_risk_level").asText()).isEqualTo("medium");
        assertThat(risk.get("approval_authority").asText()).isEqualTo("one overseer");
        JsonNode reg = e.get("regression_analysis");
        assertThat(reg.get("existing_tests").get("total").asInt()).isEqualTo(2);
        assertThat(reg.get("new_tests").get("required").asInt()).isEqualTo(1);
        assertThat(reg.get("regression_detected").asBoolean()).isFalse();
        assertThat(e.get("rollback_plan").get("type").asText()).isEqualTo("code");
        assertThat(e.get("gates")).hasSize(8);
        assertThat(e.get("gates").get(2).get("satisfied").asBoolean()).isTrue();
        assertThat(e.get("gates").get(2).get("by").asText()).isEqualTo(OLGA.toString());
        assertThat(e.get("rollback_events")).hasSize(1);
        assertThat(e.get("rollback_events").get(0).get("reason").asText()).isEqualTo("error rate 12%");
        assertThat(e.get("capa").get(0).get("capa_id").asText()).isEqualTo("CAPA-2026-001");
        assertThat(e.get("capa").get(0).get("cr_id").asText()).isEqualTo(cr.id().toString());
        assertThat(e.get("capa").get(0).get("status").asText()).isEqualTo("open");

        JsonNode draft = root.get("change_register").get(1);
        assertThat(draft.get("cr_id").isNull()).isTrue();
        assertThat(draft.get("impact_assessment").isNull()).isTrue();
        assertThat(draft.get("draft_ref").asText()).isEqualTo("DRAFT-2");
    }

    @Test
    void changeLogHasEveryEntryAndDeploymentDetails() throws Exception {
        ChangeRequest cr = rolledBack();
        JsonNode log = new ObjectMapper().readTree(exports().changeLogJson()).get("change_log");
        assertThat(log).hasSize(f.env.changeLog().all().size());
        JsonNode first = log.get(0);
        assertThat(fieldNames(first)).containsExactly("cr_id", "draft_ref", "timestamp", "actor", "event", "from_state",
                "to_state", "reason");
        assertThat(first.get("event").asText()).isEqualTo("created");
        assertThat(first.get("cr_id").isNull()).isTrue();
        List<JsonNode> deployments = new ArrayList<>();
        log.forEach(n -> {
            if (n.has("deployment")) {
                deployments.add(n);
            }
        });
        assertThat(deployments).hasSize(2);
        JsonNode ok = deployments.get(0).get("deployment");
        assertThat(deployments.get(0).get("to_state").asText()).isEqualTo("deployed");
        assertThat(fieldNames(ok)).containsExactly("what_changed", "approved_by", "auto_approved", "deployed_at",
                "test_results_summary", "deployment_result");
        assertThat(ok.get("approved_by").get(0).asText()).isEqualTo(OLGA.toString());
        assertThat(ok.get("deployed_at").asText()).isEqualTo(cr.deployedAt().toString());
        assertThat(ok.get("test_results_summary").asText()).contains("existing 2 passed / 0 failed", "evidence for gate 4");
        assertThat(ok.get("deployment_result").asText()).isEqualTo("success");
        assertThat(deployments.get(1).get("deployment").get("deployment_result").asText()).isEqualTo("failure");
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
