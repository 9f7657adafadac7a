package org.compliancebot.bot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.js.JsEvent;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production bot with every feature connected, on the real Synapse, driven through its HTTP face
 * (MCP over JSON-RPC, REST, webhooks, metrics) while the team, as matrix-js-sdk clients with Element's
 * crypto, sees the result in encrypted rooms. One deployment for the class; the tests build on each
 * other in order (an incident, then a change awaiting approval, then the metrics over both).
 */
@ExtendWith(SynapseExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceWiringAcceptanceTest {
    private static final Duration WAIT = ServiceBot.WAIT;
    private static final ObjectMapper MAPPER = ServiceBot.mapper();

    @TempDir
    static Path dir;
    static ServiceBot s;
    static String mcpIncident;
    static String mcpRoom;
    static String crId;
    static String approvalId;
    static String approvalEvent;

    @BeforeAll
    static void deploy(SynapseServer server, JsClients js) throws Exception {
        s = new ServiceBot(server, js, dir);
        s.start("open_incident_on_critical: true\nself_check: {interval_minutes: 60}", Clock.systemUTC(), null);
        ServiceBot.await("the first room check", () -> {
            try {
                return s.metric("compliancebot_encryption_coverage_percent") != null;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @AfterAll
    static void undeploy() {
        if (s != null) {
            s.close();
        }
    }

    private static HttpResponse<String> rpc(String token, String session, String body) throws Exception {
        Map<String, String> headers = new HashMap<>(Map.of("Accept", "application/json, text/event-stream"));
        if (session != null) {
            headers.put("Mcp-Session-Id", session);
            headers.put("MCP-Protocol-Version", "2025-06-18");
        }
        return s.send("POST", "/mcp", token, body, headers);
    }

    private static String mcpSession(String token) throws Exception {
        HttpResponse<String> r = rpc(token, null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},
                 "clientInfo":{"name":"pipeline","version":"1.0"}}}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(MAPPER.readTree(r.body()).path("result").path("capabilities").has("tools")).isTrue();
        String session = r.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(rpc(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode()).isEqualTo(202);
        return session;
    }

    private static JsonNode call(String token, String session, int id, String tool, JsonNode arguments) throws Exception {
        String body = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", "tools/call")
                .set("params", MAPPER.createObjectNode().put("name", tool).set("arguments", arguments)).toString();
        HttpResponse<String> r = rpc(token, session, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = MAPPER.readTree(r.body());
        assertThat(answer.path("id").asInt()).isEqualTo(id);
        return answer.path("result");
    }

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    @Order(1)
    void anMcpClientOpensAnEncryptedIncidentRoomThatBehavesLikeEveryIncidentRoom() throws Exception {
        String session = mcpSession(ServiceBot.AGENT_TOKEN);
        JsonNode tools = MAPPER.readTree(rpc(ServiceBot.AGENT_TOKEN, session,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").body()).path("result").path("tools");
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).contains("matrix.create_incident_room", "matrix.post_oversight_alert");

        JsonNode result = call(ServiceBot.AGENT_TOKEN, session, 3, "matrix.create_incident_room",
                json("{\"incident_id\":\"ext-2025-10-02-7731\",\"severity\":\"CRITICAL\",\"violated_axioms\":[\"transparency\",\"A.5.24\"]}"));
        assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
        JsonNode created = result.path("structuredContent");
        mcpIncident = created.path("incident_id").asText();
        mcpRoom = created.path("room_id").asText(null);
        assertThat(mcpIncident).matches("incident-\\d{4}-\\d{2}-\\d{2}-\\d{3,}");
        assertThat(mcpRoom).as("the room exists when the call answers").startsWith("!");
        assertThat(created.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(created.path("reference").asText()).isEqualTo("ext-2025-10-02-7731");
        assertThat(created.path("created_by").asText()).isEqualTo(s.complianceAccount.userId());
        assertThat(json(result.path("content").get(0).path("text").asText()).path("room_id").asText()).isEqualTo(mcpRoom);

        var admin = s.server.admin();
        assertThat(admin.roomStateEvent(mcpRoom, "m.room.encryption", "").path("algorithm").asText()).isEqualTo("m.megolm.v1.aes-sha2");
        assertThat(admin.roomStateEvent(mcpRoom, "m.room.retention", "").path("max_lifetime").asLong()).isEqualTo(ServiceBot.TEN_YEARS_MS);
        assertThat(admin.roomStateEvent(mcpRoom, "m.room.create", "").path("m.federate").asBoolean(true)).isFalse();
        assertThat(admin.roomStateEvent(mcpRoom, "m.room.join_rules", "").path("join_rule").asText()).isEqualTo("invite");
        assertThat(admin.roomStateEvent(mcpRoom, "m.room.topic", "").path("topic").asText())
                .contains("CRITICAL (P0)").contains("transparency, A.5.24");
        // On the shared test server other bots' incidents may hold the plain alias already; the bot then takes
        // the next free one (-2, -3, ...), as docs/incident-rooms.md describes.
        assertThat(admin.roomStateEvent(mcpRoom, "m.room.canonical_alias", "").path("alias").asText())
                .matches(java.util.regex.Pattern.quote("#" + mcpIncident) + "(-\\d+)?" + java.util.regex.Pattern.quote(":" + s.server.serverName()));

        // Critical: the security lead, the overseer, the CTO and legal counsel are invited; the compliance manager is not.
        for (JsClient invited : List.of(s.lead, s.overseer, s.cto, s.legal)) {
            invited.awaitEvent(JsEvent.inviteTo(mcpRoom), WAIT);
        }
        JsEvent report = s.cto.awaitEvent(e -> e.isTimeline() && mcpRoom.equals(e.roomId()) && e.body() != null
                && e.body().startsWith("# Incident: " + mcpIncident), WAIT);
        assertThat(report.isDecrypted()).as("the report %s decrypts", report).isTrue();
        assertThat(report.sender()).isEqualTo(s.bot.userId());
        assertThat(report.body()).contains("ext-2025-10-02-7731").contains("## Response Checklist");
        ServiceBot.await("the report pinned", () -> {
            JsonNode pinned = admin.roomStateEvent(mcpRoom, "m.room.pinned_events", "");
            return pinned != null && report.eventId().equals(pinned.path("pinned").path(0).asText());
        });
        assertThat(admin.roomStateEvent(mcpRoom, "m.room.member", s.complianceAccount.userId())).isNull();

        JsonNode again = call(ServiceBot.AGENT_TOKEN, session, 4, "matrix.create_incident_room",
                json("{\"incident_id\":\"ext-2025-10-02-7731\",\"severity\":\"CRITICAL\"}")).path("structuredContent");
        assertThat(again.path("incident_id").asText()).as("the same reference is the same incident").isEqualTo(mcpIncident);
        assertThat(again.path("room_id").asText()).isEqualTo(mcpRoom);
        JsonNode listed = s.get("/api/v1/incidents", ServiceBot.AUDITOR_TOKEN).path("incidents");
        assertThat(listed.findValuesAsText("incident_id")).containsOnlyOnce(mcpIncident);
    }

    @Test
    @Order(2)
    void restChangeRequestsActAsTheTokensUserUnderTheChatRules() throws Exception {
        HttpResponse<String> refused = s.post("/api/v1/changes", ServiceBot.AUDITOR_TOKEN, "{\"summary\":\"Read-only token writes\"}");
        JsonNode body = s.expect(403, refused);
        assertThat(body.path("error").asText()).isEqualTo("forbidden");
        assertThat(body.path("message").asText()).contains("changes:write");
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        body = s.expect(403, s.post("/api/v1/incidents", ServiceBot.AUDITOR_TOKEN, "{\"title\":\"Nope\",\"severity\":\"low\"}"));
        assertThat(body.path("message").asText()).contains("incidents:write");
        body = s.expect(403, s.post("/api/v1/changes", ServiceBot.ANON_TOKEN, "{\"summary\":\"Nobody's change\"}"));
        assertThat(body.path("message").asText()).contains("user_id");

        JsonNode draft = s.expect(201, s.post("/api/v1/changes", ServiceBot.MEMBER_TOKEN,
                "{\"summary\":\"Add index on vulnerability_scans.scan_date\",\"modules\":[\"vulnerability\"]}"));
        String ref = draft.path("draft_ref").asText();
        assertThat(ref).startsWith("DRAFT-");
        assertThat(draft.path("status").asText()).isEqualTo("draft");
        assertThat(draft.path("created_by").asText()).isEqualTo(s.memberAccount.userId());
        JsonNode submitted = s.expect(200, s.post("/api/v1/changes/" + ref + "/submit", ServiceBot.MEMBER_TOKEN, null));
        crId = submitted.path("cr_id").asText();
        assertThat(crId).matches("CR-\\d{4}-\\d{3,}");
        s.expect(409, s.post("/api/v1/changes/" + ref + "/submit", ServiceBot.MEMBER_TOKEN, null));

        body = s.expect(403, s.post("/api/v1/changes/" + crId + "/assess", ServiceBot.MEMBER_TOKEN,
                "{\"impact\":\"medium\",\"risk\":\"likely/minor\"}"));
        assertThat(body.path("message").asText()).as("the member holds no assessing role").contains(s.memberAccount.userId());
        s.expect(422, s.post("/api/v1/changes/" + crId + "/assess", ServiceBot.LEAD_TOKEN, "{\"impact\":\"enormous\",\"risk\":\"likely/minor\"}"));
        JsonNode assessed = s.expect(200, s.post("/api/v1/changes/" + crId + "/assess", ServiceBot.LEAD_TOKEN,
                "{\"impact\":\"medium\",\"risk\":\"likely/minor\"}"));
        assertThat(assessed.path("status").asText()).isEqualTo("awaiting_approval");
        assertThat(assessed.path("approval").path("outcome").asText()).isEqualTo("requested");
        approvalId = assessed.path("approval").path("request").path("approval_request_id").asText();
        assertThat(approvalId).startsWith("AR-");

        JsonNode status = s.get("/api/v1/changes/" + crId, ServiceBot.AUDITOR_TOKEN);
        assertThat(status.path("status").asText()).isEqualTo("awaiting_approval");
        assertThat(status.path("risk_assessment").path("overall_risk_level").asText()).isEqualTo("medium");
        assertThat(status.path("pending_approval").path("approval_request_id").asText()).isEqualTo(approvalId);
        assertThat(status.path("change_log").findValuesAsText("to_state")).contains("submitted", "assessed", "awaiting_approval");

        JsEvent posted = s.overseer.awaitEvent(e -> e.isTimeline() && e.isDecrypted() && s.oversight.value().equals(e.roomId())
                && e.body() != null && e.body().startsWith("Change Approval Request: " + crId), WAIT);
        assertThat(posted.sender()).isEqualTo(s.bot.userId());
        approvalEvent = posted.eventId();
        ServiceBot.await("the request's event recorded", () -> {
            try {
                return approvalEvent.equals(s.get("/api/v1/approvals/" + approvalId, ServiceBot.AUDITOR_TOKEN).path("event_id").asText());
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode pending = s.get("/api/v1/approvals", ServiceBot.AUDITOR_TOKEN).path("approvals");
        assertThat(pending.findValuesAsText("approval_request_id")).contains(approvalId);
        assertThat(s.get("/api/v1/changes?state=awaiting_approval", ServiceBot.AUDITOR_TOKEN).path("change_requests")
                .findValuesAsText("cr_id")).contains(crId);
    }

    @Test
    @Order(3)
    void restIncidentsOpenListAndCloseWithTheSameRolesAsChat() throws Exception {
        JsonNode opened = s.expect(201, s.post("/api/v1/incidents", ServiceBot.ANON_TOKEN,
                "{\"title\":\"Backup job silently failing\",\"severity\":\"low\",\"violated_controls\":[\"A.8.13\"]}"));
        String id = opened.path("incident_id").asText();
        assertThat(opened.path("created_by").asText()).isEqualTo("api:anon");
        assertThat(s.get("/api/v1/incidents?status=open", ServiceBot.AUDITOR_TOKEN).path("incidents").findValuesAsText("incident_id"))
                .contains(id, mcpIncident);
        s.expect(422, s.send("GET", "/api/v1/incidents?status=sideways", ServiceBot.AUDITOR_TOKEN, null, Map.of()));
        s.expect(404, s.send("GET", "/api/v1/incidents/incident-2001-01-01-001", ServiceBot.AUDITOR_TOKEN, null, Map.of()));
        ServiceBot.await(id + " opened", () -> {
            try {
                return "opened".equals(s.get("/api/v1/incidents/" + id, ServiceBot.AUDITOR_TOKEN).path("opening").asText());
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode refused = s.expect(403, s.post("/api/v1/incidents/" + id + "/close", ServiceBot.MEMBER_TOKEN, "{}"));
        assertThat(refused.path("message").asText()).contains("security lead");
        JsonNode closing = s.expect(200, s.post("/api/v1/incidents/" + id + "/close", ServiceBot.LEAD_TOKEN,
                "{\"resolution\":\"Backup credentials rotated; job green again\"}"));
        assertThat(closing.path("closing").asText()).isNotEqualTo("null");
        JsonNode details = s.get("/api/v1/incidents/" + id, ServiceBot.AUDITOR_TOKEN);
        assertThat(details.path("resolution").path("by").asText()).isEqualTo(s.leadAccount.userId());
        assertThat(details.path("closure").path("by").asText()).isEqualTo(s.leadAccount.userId());
        assertThat(details.path("timeline").findValuesAsText("kind")).contains("resolved", "close");
        ServiceBot.await(id + " archived and closed", () -> {
            try {
                return "closed".equals(s.get("/api/v1/incidents/" + id, ServiceBot.AUDITOR_TOKEN).path("status").asText());
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    @Order(4)
    void metricsShowIncidentsApprovalsAndCoverageWithTheirTrueValues() throws Exception {
        // A human answers in the MCP incident's room: that is the incident's first response.
        s.lead.sendText(mcpRoom, "Looking into it: pausing the pipeline");
        ServiceBot.await("the first response recorded", () -> {
            try {
                return !s.get("/api/v1/incidents/" + mcpIncident, ServiceBot.AUDITOR_TOKEN).path("first_response_at").isNull();
            } catch (Exception e) {
                return false;
            }
        });
        List<Double> responses = new ArrayList<>();
        long active = 0;
        for (JsonNode i : s.get("/api/v1/incidents", ServiceBot.AUDITOR_TOKEN).path("incidents")) {
            JsonNode d = s.get("/api/v1/incidents/" + i.path("incident_id").asText(), ServiceBot.AUDITOR_TOKEN);
            if (!d.path("status").asText().equals("closed") && !d.path("room_id").isNull()) {
                active++;
            }
            if (!d.path("first_response_at").isNull()) {
                responses.add(Duration.between(Instant.parse(d.path("created_at").asText()),
                        Instant.parse(d.path("first_response_at").asText())).toMillis() / 1000.0);
            }
        }
        assertThat(active).isGreaterThanOrEqualTo(1);
        assertThat(s.metric("compliancebot_active_incident_rooms")).isEqualTo((double) active);
        assertThat(s.metric("compliancebot_incident_response_seconds_average"))
                .isCloseTo(responses.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), within(0.01));
        assertThat(s.metric("compliancebot_incidents_open{severity=\"critical\"}")).isGreaterThanOrEqualTo(1.0);

        int pending = s.get("/api/v1/approvals", ServiceBot.AUDITOR_TOKEN).path("approvals").size();
        assertThat(pending).isGreaterThanOrEqualTo(1);
        assertThat(s.metric("compliancebot_approvals_pending")).isEqualTo((double) pending);
        assertThat(s.metric("compliancebot_approval_time_seconds_average")).as("nothing approved yet").isNull();
        assertThat(s.metric("compliancebot_encryption_coverage_percent")).isEqualTo(100.0);
        assertThat(s.metric("compliancebot_rooms_with_retention_policy_percent")).isEqualTo(100.0);
        assertThat(s.metric("compliancebot_messages_last_24h")).isGreaterThanOrEqualTo(1.0);

        // The overseer approves: the pending count falls and the mean approval time is the request's.
        String reply = s.overseer.sendReply(s.oversight.value(), approvalEvent, "APPROVED");
        s.overseer.awaitEvent(e -> e.isTimeline() && e.isDecrypted() && s.bot.userId().equals(e.sender())
                && reply.equals(e.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText()), WAIT);
        assertThat(s.get("/api/v1/changes/" + crId, ServiceBot.AUDITOR_TOKEN).path("status").asText()).isEqualTo("approved");
        JsonNode decided = s.get("/api/v1/approvals/" + approvalId, ServiceBot.AUDITOR_TOKEN);
        assertThat(decided.path("status").asText()).isEqualTo("approved");
        assertThat(decided.path("decisions").get(0).path("approver").asText()).isEqualTo(s.overseerAccount.userId());
        assertThat(decided.path("decisions").get(0).path("device_id").asText()).isEqualTo(s.overseer.deviceId());
        double expected = Duration.between(Instant.parse(decided.path("created_at").asText()),
                Instant.parse(decided.path("closed_at").asText())).toMillis() / 1000.0;
        assertThat(s.metric("compliancebot_approval_time_seconds_average")).isCloseTo(expected, within(0.01));
        assertThat(s.metric("compliancebot_approvals_pending")).isEqualTo((double) pending - 1);
    }

    @Test
    @Order(5)
    void aCriticalAlertOpensAnIncidentWhenConfigured() throws Exception {
        JsonNode in = s.expect(200, s.post("/webhooks/ci", ServiceBot.WEBHOOK_TOKEN,
                "{\"source\":\"vault\",\"fingerprint\":\"vault-1-sealed\",\"title\":\"Vault sealed on vault-1\",\"level\":\"critical\","
                        + "\"description\":\"Secrets cannot be read.\"}"));
        long alert = in.path("created").get(0).asLong();
        String[] incident = new String[1];
        ServiceBot.await("an incident for alert " + alert, () -> {
            try {
                incident[0] = s.get("/api/v1/alerts/" + alert, ServiceBot.LEAD_TOKEN).path("incident_id").asText(null);
                return incident[0] != null;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode opened = s.get("/api/v1/incidents/" + incident[0], ServiceBot.AUDITOR_TOKEN);
        assertThat(opened.path("title").asText()).isEqualTo("Vault sealed on vault-1");
        assertThat(opened.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(opened.path("created_by").asText()).isEqualTo("watchdog");
        assertThat(opened.path("description").asText()).contains("alert #" + alert).contains("Secrets cannot be read.");
        ServiceBot.await("the alert's incident room", () -> {
            try {
                return !s.get("/api/v1/incidents/" + incident[0], ServiceBot.AUDITOR_TOKEN).path("room_id").isNull();
            } catch (Exception e) {
                return false;
            }
        });
        String room = s.get("/api/v1/incidents/" + incident[0], ServiceBot.AUDITOR_TOKEN).path("room_id").asText();
        s.lead.awaitEvent(JsEvent.inviteTo(room), WAIT);
        JsEvent report = s.lead.awaitEvent(e -> e.isTimeline() && room.equals(e.roomId()) && e.body() != null
                && e.body().startsWith("# Incident: " + incident[0]), WAIT);
        assertThat(report.isDecrypted()).isTrue();
    }

    @Test
    @Order(6)
    void anMcpOversightAlertThatNeedsApprovalBecomesAnApprovalRequest() throws Exception {
        String session = mcpSession(ServiceBot.AGENT_TOKEN);
        JsonNode missing = call(ServiceBot.AGENT_TOKEN, session, 2, "matrix.post_oversight_alert",
                json("{\"pipeline_id\":\"evolution-2025-10-02\",\"step\":\"activate\",\"requires_approval\":true}"));
        assertThat(missing.path("isError").asBoolean()).isTrue();
        assertThat(missing.path("content").get(0).path("text").asText()).contains("metadata.impact");

        JsonNode result = call(ServiceBot.AGENT_TOKEN, session, 3, "matrix.post_oversight_alert", json("""
                {"pipeline_id":"evolution-2025-10-02","step":"activate","requires_approval":true,
                 "metadata":{"impact":"medium","risk":"likely/minor","compliance_manifest_version":"2.5.0"}}"""));
        assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
        JsonNode asked = result.path("structuredContent");
        assertThat(asked.path("outcome").asText()).isEqualTo("requested");
        String cr = asked.path("cr_id").asText();
        String event = asked.path("event_id").asText(null);
        assertThat(event).as("the answer names the posted request").isNotNull();
        assertThat(asked.path("requester").asText()).isEqualTo(s.complianceAccount.userId());
        JsEvent posted = s.overseer.awaitEvent(e -> e.isTimeline() && e.isDecrypted() && event.equals(e.eventId()), WAIT);
        assertThat(posted.body()).startsWith("Change Approval Request: " + cr).contains("Pipeline evolution-2025-10-02: activate");
        assertThat(s.get("/api/v1/approvals?cr_id=" + cr, ServiceBot.AUDITOR_TOKEN).path("approvals").findValuesAsText("status"))
                .containsExactly("pending");

        JsonNode notice = call(ServiceBot.AGENT_TOKEN, session, 4, "matrix.post_oversight_alert",
                json("{\"pipeline_id\":\"evolution-2025-10-02\",\"step\":\"verify\"}"));
        assertThat(notice.path("isError").asBoolean()).as(notice.toString()).isFalse();
        s.overseer.awaitEvent(e -> e.isTimeline() && e.isDecrypted() && notice.path("structuredContent").path("event_id").asText()
                .equals(e.eventId()) && e.body().contains("reached step \"verify\""), WAIT);
    }
}
