package org.compliancebot.bot.change.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.compliancebot.bot.change.Capa;
import org.compliancebot.bot.change.CapaRepository;
import org.compliancebot.bot.change.ChangeLog;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeRequestRepository;
import org.compliancebot.bot.change.CrKind;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.oversight.ApprovalPolicy;

/**
 * Exports the change register ({@code change-register.json}) and the change log
 * ({@code change-log.json}) with the field names of the change-management specification:
 * {@code cr_id}, {@code cr_type}, {@code created_date}, {@code impact_assessment},
 * {@code risk_assessment} ({@code risk_id}, {@code likelihood}, {@code risk_level},
 * {@code overall_risk_level}, {@code approval_authority}), {@code regression_analysis}, ...
 * Times are ISO-8601 UTC; absent values are JSON null.
 */
public final class ChangeExports {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ChangeRequestRepository changeRequests;
    private final CapaRepository capas;
    private final ChangeLog log;
    private final ApprovalPolicy policy;
    private final Clock clock;

    public ChangeExports(ChangeRequestRepository changeRequests, CapaRepository capas, ChangeLog log,
            ApprovalPolicy policy, Clock clock) {
        this.changeRequests = changeRequests;
        this.capas = capas;
        this.log = log;
        this.policy = policy;
        this.clock = clock;
    }

    /** The change register: every change request with its full record. */
    public ObjectNode changeRegister() {
        ObjectNode root = JSON.createObjectNode();
        root.put("generated_at", clock.instant().toString());
        ArrayNode list = root.putArray("change_register");
        for (ChangeRequest cr : changeRequests.all()) {
            list.add(RegisterEntry.of(JSON, cr, policy,
                    cr.id() == null ? List.<Capa>of() : capas.forChangeRequest(cr.id()), log.forRequest(cr.ref())));
        }
        return root;
    }

    /** One change request as its change register entry (the same fields as in {@link #changeRegister()}). */
    public ObjectNode entry(ChangeRequest cr) {
        return RegisterEntry.of(JSON, cr, policy, cr.id() == null ? List.<Capa>of() : capas.forChangeRequest(cr.id()),
                log.forRequest(cr.ref()));
    }

    /**
     * The change log: every entry, in order. Entries of deployments ({@code to_state} deployed or
     * deploy_failed) carry a {@code deployment} object: what changed, who approved it, when it was
     * deployed, the test results summary and whether the deployment succeeded.
     */
    public ObjectNode changeLog() {
        ObjectNode root = JSON.createObjectNode();
        root.put("generated_at", clock.instant().toString());
        ArrayNode list = root.putArray("change_log");
        for (ChangeLogEntry e : log.all()) {
            ObjectNode n = list.addObject();
            n.put("cr_id", e.crId() == null ? null : e.crId().toString());
            n.put("draft_ref", e.ref().toString());
            n.put("timestamp", e.at().toString());
            n.put("actor", e.actor().toString());
            n.put("event", e.kind().name().toLowerCase(Locale.ROOT));
            n.put("from_state", e.from() == null ? null : e.from().key());
            n.put("to_state", e.to() == null ? null : e.to().key());
            n.put("reason", e.reason());
            if (e.kind() == ChangeLogEntry.Kind.TRANSITION && (e.to() == CrState.DEPLOYED || e.to() == CrState.DEPLOY_FAILED)) {
                changeRequests.byRef(e.ref()).ifPresent(cr -> n.set("deployment", deployment(cr, e)));
            }
        }
        return root;
    }

    private ObjectNode deployment(ChangeRequest cr, ChangeLogEntry e) {
        ObjectNode d = JSON.createObjectNode();
        ObjectNode what = d.putObject("what_changed");
        what.put("summary", cr.description().summary());
        ArrayNode modules = what.putArray("modules");
        cr.description().affectedModules().forEach(modules::add);
        ArrayNode approvers = d.putArray("approved_by");
        if (cr.approval() != null) {
            cr.approval().approvers().forEach(u -> approvers.add(u.toString()));
        }
        d.put("auto_approved", cr.approval() != null && cr.approval().byBot());
        Instant deployedAt = e.to() == CrState.DEPLOYED ? e.at() : cr.deployedAt();
        d.put("deployed_at", deployedAt == null ? null : deployedAt.toString());
        d.put("test_results_summary", RegisterEntry.testSummary(cr));
        d.put("deployment_result", e.to() == CrState.DEPLOYED ? "success" : "failure");
        return d;
    }

    /** {@code ai_generated} for generated requests, {@code manual} otherwise. */
    static String crType(ChangeRequest cr) {
        return cr.kind() == CrKind.GENERATED ? "ai_generated" : "manual";
    }

    /** The register as indented JSON text. */
    public String changeRegisterJson() {
        return write(changeRegister());
    }

    /** The log as indented JSON text. */
    public String changeLogJson() {
        return write(changeLog());
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
