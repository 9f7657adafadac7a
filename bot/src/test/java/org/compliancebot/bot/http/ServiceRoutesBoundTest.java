package org.compliancebot.bot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST routes with the real incident and change services bound (no homeserver: nothing is posted).
 * The admin token acts for {@code @lead:localhost}, the security lead; the auditor token only reads.
 */
class ServiceRoutesBoundTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    private OfflineHttp h;

    @BeforeEach
    void start() {
        h = new OfflineHttp(dir, 1024 * 1024, true);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private JsonNode expect(int status, HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.request().method() + " " + r.request().uri() + ": " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return mapper.readTree(r.body());
    }

    @Test
    void aChangeRequestGoesFromDraftToAwaitingApprovalAsTheTokensUser() throws Exception {
        JsonNode draft = expect(201, h.post("/api/v1/changes", OfflineHttp.ADMIN,
                "{\"summary\":\"Rotate the TLS certificate\",\"class\":\"significant\",\"categories\":[\"Security\"]}"));
        assertThat(draft.path("created_by").asText()).isEqualTo("@lead:localhost");
        assertThat(draft.path("change_class").asText()).isEqualTo("significant");
        assertThat(draft.path("change_description").path("categories").toString()).isEqualTo("[\"security\"]");
        String ref = draft.path("draft_ref").asText();
        expect(409, h.post("/api/v1/changes/" + ref + "/assess", OfflineHttp.ADMIN, "{\"impact\":\"low\",\"risk\":\"rare/minor\"}"));
        String cr = expect(200, h.post("/api/v1/changes/" + ref + "/submit", OfflineHttp.ADMIN, null)).path("cr_id").asText();

        JsonNode bad = expect(422, h.post("/api/v1/changes/" + cr + "/assess", OfflineHttp.ADMIN,
                "{\"impact\":\"medium\",\"risks\":[{\"likelihood\":\"sometimes\",\"impact\":\"minor\"}]}"));
        assertThat(bad.path("error").asText()).isEqualTo("invalid_request");
        assertThat(bad.path("message").asText()).contains("risks[0].likelihood").contains("possible");
        JsonNode assessed = expect(200, h.post("/api/v1/changes/" + cr + "/assess", OfflineHttp.ADMIN,
                "{\"impact\":{\"technical\":\"high\",\"tenant\":\"low\",\"compliance\":\"low\",\"operational\":\"low\"},"
                        + "\"risks\":[{\"likelihood\":\"likely\",\"impact\":\"minor\",\"description\":\"handshake failures\"}]}"));
        assertThat(assessed.path("status").asText()).isEqualTo("awaiting_approval");
        assertThat(assessed.path("impact_assessment").path("technical").path("level").asText()).isEqualTo("high");
        assertThat(assessed.path("risk_assessment").path("risks").get(0).path("description").asText()).isEqualTo("handshake failures");
        String approval = assessed.path("approval").path("request").path("approval_request_id").asText();

        JsonNode pending = expect(200, h.get("/api/v1/approvals", OfflineHttp.AUDITOR));
        assertThat(pending.path("approvals").findValuesAsText("approval_request_id")).containsExactly(approval);
        assertThat(expect(200, h.get("/api/v1/approvals/" + approval, OfflineHttp.AUDITOR)).path("cr_id").asText()).isEqualTo(cr);
        expect(404, h.get("/api/v1/approvals/AR-CR-1999-001-1", OfflineHttp.AUDITOR));
        assertThat(expect(200, h.get("/api/v1/approvals?status=approved", OfflineHttp.AUDITOR)).path("approvals")).isEmpty();

        JsonNode early = expect(409, h.post("/api/v1/changes/" + cr + "/advance", OfflineHttp.ADMIN, "{\"state\":\"deployed\"}"));
        assertThat(early.path("message").asText()).contains("awaiting_approval");
        JsonNode status = expect(200, h.get("/api/v1/changes/" + cr, OfflineHttp.AUDITOR));
        assertThat(status.path("pending_approval").path("status").asText()).isEqualTo("pending");
        assertThat(status.path("change_log").findValuesAsText("actor")).containsOnly("@lead:localhost");
        assertThat(expect(200, h.get("/api/v1/changes?state=all", OfflineHttp.AUDITOR)).path("change_requests")
                .findValuesAsText("cr_id")).containsExactly(cr);
        expect(404, h.get("/api/v1/changes/CR-1999-001", OfflineHttp.AUDITOR));
        expect(422, h.get("/api/v1/changes/nonsense", OfflineHttp.AUDITOR));
    }

    @Test
    void incidentsOpenAndReadButCloseOnlyOnceTheRoomIsOpen() throws Exception {
        expect(403, h.post("/api/v1/incidents", OfflineHttp.AUDITOR, "{\"title\":\"x\",\"severity\":\"low\"}"));
        JsonNode missing = expect(422, h.post("/api/v1/incidents", OfflineHttp.ADMIN, "{\"title\":\"Disk full\"}"));
        assertThat(missing.path("message").asText()).contains("severity");
        JsonNode opened = expect(201, h.post("/api/v1/incidents", OfflineHttp.ADMIN,
                "{\"title\":\"Disk full on db-1\",\"severity\":\"P1\",\"violated_axioms\":[\"A.8.6\"],\"idempotency_key\":\"k1\"}"));
        String id = opened.path("incident_id").asText();
        assertThat(opened.path("severity").asText()).isEqualTo("HIGH");
        assertThat(opened.path("created_by").asText()).isEqualTo("@lead:localhost");
        assertThat(opened.path("room_id").isNull()).as("no homeserver: the room is not created").isTrue();
        JsonNode again = expect(201, h.post("/api/v1/incidents", OfflineHttp.ADMIN,
                "{\"title\":\"Disk full on db-1\",\"severity\":\"high\",\"idempotency_key\":\"k1\"}"));
        assertThat(again.path("incident_id").asText()).isEqualTo(id);

        JsonNode details = expect(200, h.get("/api/v1/incidents/" + id, OfflineHttp.AUDITOR));
        assertThat(details.path("violated_controls").toString()).isEqualTo("[\"A.8.6\"]");
        assertThat(details.path("checklist")).hasSize(7);
        assertThat(details.path("invitations").findValuesAsText("user_id")).contains("@lead:localhost");
        assertThat(details.path("metrics").path("time_to_first_response_seconds").isNull()).isTrue();
        JsonNode refused = expect(422, h.post("/api/v1/incidents/" + id + "/close", OfflineHttp.ADMIN, "{}"));
        assertThat(refused.path("message").asText()).contains("still being opened");
        assertThat(expect(200, h.get("/api/v1/incidents?status=closed", OfflineHttp.AUDITOR)).path("incidents")).isEmpty();
    }
}
