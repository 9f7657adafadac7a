package org.compliancebot.bot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook authentication and refusals: each refused request gets a 4xx naming the problem and stores nothing. */
class WebhookHttpTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private static final String GENERIC = "{\"source\":\"backup\",\"fingerprint\":\"n1\",\"title\":\"Backup failed\",\"level\":\"critical\"}";

    @TempDir
    Path dir;
    private OfflineHttp h;

    @BeforeEach
    void start() {
        h = new OfflineHttp(dir, 4096);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return mapper.readTree(r.body());
    }

    private long stored() {
        return h.watchdog.service().list(org.compliancebot.bot.watchdog.store.AlertStore.Filter.ALL, null, 1000, 0).size();
    }

    @Test
    void refusalsAreFourHundredsWithAReasonAndStoreNothing() throws Exception {
        HttpResponse<String> r = h.post("/webhooks/generic", "wrong-token", GENERIC);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).path("error").asText()).isEqualTo("unauthorized");
        assertThat(h.post("/webhooks/generic", null, GENERIC).statusCode()).isEqualTo(401);
        assertThat(h.post("/webhooks/generic", OfflineHttp.PROM, GENERIC).statusCode()).as("another source's token").isEqualTo(401);

        r = h.post("/webhooks/generic", OfflineHttp.GENERIC, "{\"source\":\"x\",\"title\":\"" + "a".repeat(5000) + "\"}");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).path("message").asText()).contains("4096");

        r = h.post("/webhooks/generic", OfflineHttp.GENERIC, "{\"source\": \"x\", ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo("malformed_json");

        r = h.post("/webhooks/generic", OfflineHttp.GENERIC, "{\"source\":\"x\",\"fingerprint\":\"f\",\"title\":7,\"level\":\"warning\"}");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).path("message").asText()).contains("title: must be a string");

        r = h.post("/webhooks/generic", OfflineHttp.GENERIC, GENERIC.replace("critical", "apocalyptic"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).path("error").asText()).isEqualTo("unknown_level");
        assertThat(json(r).path("message").asText()).contains("apocalyptic");

        // One bad alert in a batch refuses the whole batch.
        r = h.post("/webhooks/generic", OfflineHttp.GENERIC, "[" + GENERIC + "," + GENERIC.replace("critical", "nope") + "]");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).path("message").asText()).startsWith("[1].level");

        r = h.post("/webhooks/nosuch", OfflineHttp.GENERIC, GENERIC);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(stored()).isZero();
    }

    @Test
    void anAcceptedAlertIsStoredWhenTheAnswerComes() throws Exception {
        HttpResponse<String> r = h.post("/webhooks/generic", OfflineHttp.GENERIC, GENERIC);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("created")).hasSize(1);
        assertThat(stored()).isEqualTo(1);
        r = h.post("/webhooks/generic", OfflineHttp.GENERIC, GENERIC);
        assertThat(json(r).path("repeated")).hasSize(1);
    }

    @Test
    void hmacSourcesNeedAValidSignatureOfTheBody() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(OfflineHttp.HMAC.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = HexFormat.of().formatHex(mac.doFinal(GENERIC.getBytes(StandardCharsets.UTF_8)));
        assertThat(h.send("POST", "/webhooks/signed", null, GENERIC, Map.of("X-Signature-256", "sha256=" + sig)).statusCode()).isEqualTo(200);
        assertThat(h.send("POST", "/webhooks/signed", null, GENERIC + " ", Map.of("X-Signature-256", "sha256=" + sig)).statusCode())
                .as("body changed after signing").isEqualTo(401);
        assertThat(h.send("POST", "/webhooks/signed", OfflineHttp.GENERIC, GENERIC, Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void apiTokensAndScopes() throws Exception {
        assertThat(h.get("/api/v1/alerts", null).statusCode()).isEqualTo(401);
        assertThat(h.get("/api/v1/alerts", "nope").statusCode()).isEqualTo(401);
        assertThat(h.get("/api/v1/alerts", OfflineHttp.AUDITOR).statusCode()).isEqualTo(200);
        h.post("/webhooks/generic", OfflineHttp.GENERIC, GENERIC);
        HttpResponse<String> r = h.post("/api/v1/alerts/1/ack", OfflineHttp.AUDITOR, null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).path("message").asText()).contains("alerts:write");
        r = h.post("/api/v1/alerts/1/ack", OfflineHttp.ADMIN, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("alert").path("acknowledged_by").asText()).isEqualTo("api:admin");
        r = h.get("/api/v1/incidents", OfflineHttp.AUDITOR);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).path("error").asText()).isEqualTo("unavailable");
        assertThat(json(r).path("message").asText()).contains("not configured");
    }

    @Test
    void metricsAndHealth() throws Exception {
        h.post("/webhooks/generic", OfflineHttp.GENERIC, GENERIC);
        HttpResponse<String> m = h.get("/metrics", null);
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(m.body()).contains("# TYPE compliancebot_alerts_open gauge")
                .contains("compliancebot_alerts_open{level=\"critical\"} 1")
                .contains("compliancebot_alert_post_queue_depth 1")
                .contains("compliancebot_messages_last_24h 0")
                .doesNotContain("compliancebot_active_incident_rooms");
        assertThat(h.get("/health", null).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = h.get("/ready", null);
        assertThat(ready.statusCode()).as("no sync loop here").isEqualTo(503);
        assertThat(json(ready).path("checks").path("database").asBoolean()).isTrue();
    }
}
