package org.compliancebot.bot.evidence.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.compliancebot.bot.app.BotApplication;
import org.compliancebot.bot.app.wiring.ServiceWiring;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.evidence.packet.PacketFiles;
import org.compliancebot.bot.http.ApiTokens;
import org.compliancebot.bridge.api.CreateRoomRequest;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence log through the bot's HTTP face on the real Synapse: an encrypted mention in a monitored room
 * is listed over REST, exported as a packet with its Megolm session, and found by the MCP search tool for a
 * member's token and an auditor-scoped token, but not for the token of a user outside the room, who can
 * neither list nor export it; the MCP extraction tool reads a room's history into the log.
 */
@ExtendWith(SynapseExtension.class)
class EvidenceApiAcceptanceTest {
    private static final String MEMBER = "member-token-0001";
    private static final String OUTSIDER = "outsider-token-0001";
    private static final String AUDITOR = "auditor-token-0001";
    private static final String NOBODY = "nobody-token-0001";
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private String base;

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String body, String session) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> r = send("GET", path, token, null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return mapper.readTree(r.body());
    }

    /** Calls an MCP tool in a fresh session of {@code token}; returns the tools/call result. */
    private JsonNode tool(String token, String name, JsonNode arguments) throws Exception {
        HttpResponse<String> init = send("POST", "/mcp", token, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},
                "clientInfo":{"name":"test","version":"1"}}}""", null);
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        var call = mapper.createObjectNode().put("jsonrpc", "2.0").put("id", 2).put("method", "tools/call");
        call.putObject("params").put("name", name).set("arguments", arguments);
        HttpResponse<String> r = send("POST", "/mcp", token, call.toString(), session);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return mapper.readTree(r.body()).path("result");
    }

    private JsonNode search(String token, String query) throws Exception {
        return tool(token, "matrix.search_compliance_discussions", mapper.createObjectNode().put("query", query));
    }

    @Test
    void restAndMcpReachTheEvidenceLogWithMembershipChecked(SynapseServer server, JsClients clients) throws Exception {
        RegisteredUser botUser = server.registerUniqueUser("bot");
        RegisteredUser carolUser = server.registerUniqueUser("carol");
        RegisteredUser daveUser = server.registerUniqueUser("dave");
        MatrixClient carol = MatrixClient.create(server.baseUrl());
        carol.login(UserId.of(carolUser.userId()), carolUser.password(), DeviceId.of("CAROLSETUP"), null);
        RoomId room = carol.createRoom(CreateRoomRequest.builder().preset("private_chat").name("compliance-api")
                .initialState("m.room.encryption", "", mapper.createObjectNode().put("algorithm", "m.megolm.v1.aes-sha2"))
                .invite(botUser.userId()).build());
        RoomId other = carol.createRoom(CreateRoomRequest.builder().preset("private_chat").name("change-discussion")
                .invite(botUser.userId()).build());
        JsClient carolJs = clients.encryptedClient(server, carolUser);
        String yaml = """
                homeserver:
                  url: %s
                bot:
                  user_id: "%s"
                  device_id: EVIDENCEAPI
                database:
                  url: jdbc:sqlite:%s
                sync:
                  poll_timeout_seconds: 2
                evidence:
                  monitored_rooms: ["%s"]
                  witness_interval_minutes: 0
                http:
                  port: 0
                  tokens:
                    - {name: member, sha256: %s, scopes: [evidence:write], user_id: "%s"}
                    - {name: outsider, sha256: %s, scopes: [evidence:read], user_id: "%s"}
                    - {name: auditor, sha256: %s, scopes: [evidence:read, auditor]}
                    - {name: nobody, sha256: %s, scopes: [evidence:read]}
                """.formatted(server.baseUrl(), botUser.userId(), dir.resolve("bot.db"), room.value(),
                ApiTokens.sha256Hex(MEMBER), carolUser.userId(), ApiTokens.sha256Hex(OUTSIDER), daveUser.userId(),
                ApiTokens.sha256Hex(AUDITOR), ApiTokens.sha256Hex(NOBODY));
        Files.writeString(dir.resolve("config.yaml"), yaml);
        byte[] storeKey = new byte[32];
        new SecureRandom().nextBytes(storeKey);
        EvidenceModule module = new EvidenceModule();
        try (BotApplication app = new BotApplication(new ConfigLoader().load(dir.resolve("config.yaml")),
                new Secrets(Map.of(Secrets.PASSWORD, botUser.password(), Secrets.EVIDENCE_KEY, "test evidence key, long enough",
                        Secrets.STORE_KEY, Base64.getEncoder().encodeToString(storeKey))), Clock.systemUTC())
                .with(module).with(new ServiceWiring(null, null, module))) {
            app.start();
            base = "http://127.0.0.1:" + app.http().port();
            await("the bot to join", () -> carol.joinedMembers(room).contains(UserId.of(botUser.userId()))
                    && carol.joinedMembers(other).contains(UserId.of(botUser.userId())));
            String mention = carolJs.sendText(room.value(), "Rotated the signing keys per ISO27001-8.24 [commit def456]");
            await("the evidence record", () -> module.ledger().size() > 0);

            JsonNode listed = get("/api/v1/evidence?control=ISO27001-8.24", MEMBER);
            assertThat(listed.path("count").asInt()).isEqualTo(1);
            assertThat(listed.path("access").asText()).isEqualTo("rooms of " + carolUser.userId());
            JsonNode rec = listed.path("records").get(0);
            assertThat(rec.path("event_id").asText()).isEqualTo(mention);
            assertThat(rec.path("body").asText()).contains("Rotated the signing keys");
            assertThat(rec.path("sender_trust").asText()).isEqualTo("cross_signed");
            assertThat(rec.has("raw_event")).isFalse();

            // Dave is not in the room: its records are left out of his listings, and packets holding them are refused.
            assertThat(get("/api/v1/evidence?control=ISO27001-8.24", OUTSIDER).path("count").asInt()).isZero();
            assertThat(get("/api/v1/evidence", OUTSIDER).path("records")).extracting(r -> r.path("event_id").asText())
                    .doesNotContain(mention);
            HttpResponse<String> refused = send("GET", "/api/v1/evidence/export?control=ISO27001-8.24", OUTSIDER, null, null);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(mapper.readTree(refused.body()).path("message").asText()).contains(room.value())
                    .contains(daveUser.userId()).contains("not a member");
            String byRoom = "?room=" + URLEncoder.encode(room.value(), StandardCharsets.UTF_8);
            assertThat(send("GET", "/api/v1/evidence" + byRoom, OUTSIDER, null, null).statusCode()).isEqualTo(403);
            assertThat(send("GET", "/api/v1/evidence/export" + byRoom, OUTSIDER, null, null).statusCode()).isEqualTo(403);
            assertThat(send("GET", "/api/v1/evidence", NOBODY, null, null).statusCode())
                    .as("a token with neither a user nor the auditor scope reads nothing").isEqualTo(403);
            assertThat(get("/api/v1/evidence?control=ISO27001-8.24", AUDITOR).path("count").asInt()).isEqualTo(1);
            assertThat(get("/api/v1/evidence/export" + byRoom, AUDITOR).path("records").asInt()).isPositive();

            JsonNode exported = get("/api/v1/evidence/export?control=ISO27001-8.24&megolm=true", MEMBER);
            assertThat(exported.path("records").asInt()).isEqualTo(1);
            assertThat(exported.path("megolm_sessions").asInt()).isEqualTo(1);
            Set<String> names = new HashSet<>();
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(
                    Base64.getDecoder().decode(exported.path("zip_base64").asText())))) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    names.add(e.getName());
                }
            }
            assertThat(names).contains(PacketFiles.MEGOLM, PacketFiles.RECORDS);
            assertThat(send("GET", "/api/v1/evidence/export", OUTSIDER, null, null).statusCode()).isEqualTo(422);

            // The dashboard's "evidence extracted this week" counts the records just appended.
            String metrics = send("GET", "/metrics", OUTSIDER, null, null).body();
            java.util.regex.Matcher weekly = java.util.regex.Pattern
                    .compile("(?m)^compliancebot_evidence_records_last_7_days ([0-9.]+)$").matcher(metrics);
            assertThat(weekly.find()).as(metrics).isTrue();
            assertThat(Double.parseDouble(weekly.group(1))).isGreaterThanOrEqualTo(1);

            JsonNode forMember = search(MEMBER, "signing keys");
            assertThat(forMember.path("isError").asBoolean()).as(forMember.toString()).isFalse();
            assertThat(forMember.path("structuredContent").path("results")).extracting(h -> h.path("event_id").asText())
                    .containsExactly(mention);
            assertThat(search(OUTSIDER, "signing keys").path("structuredContent").path("count").asInt())
                    .as("a user outside the room sees nothing").isZero();
            assertThat(search(AUDITOR, "signing keys").path("structuredContent").path("results"))
                    .extracting(h -> h.path("event_id").asText()).containsExactly(mention);
            JsonNode anonymous = search(NOBODY, "signing keys");
            assertThat(anonymous.path("isError").asBoolean()).isTrue();
            assertThat(anonymous.path("content").get(0).path("text").asText()).startsWith("forbidden");

            String plain = carol.sendEvent(other, "m.room.message", mapper.createObjectNode().put("msgtype", "m.text")
                    .put("body", "CR discussion before the freeze"), "p1").value();
            long before = module.ledger().size();
            JsonNode denied = tool(OUTSIDER, "matrix.extract_room_evidence", mapper.createObjectNode().put("room_id", other.value()));
            assertThat(denied.path("isError").asBoolean()).as("extraction needs evidence:write").isTrue();
            JsonNode extracted = tool(MEMBER, "matrix.extract_room_evidence", mapper.createObjectNode().put("room_id", other.value()));
            assertThat(extracted.path("isError").asBoolean()).as(extracted.toString()).isFalse();
            assertThat(extracted.path("structuredContent").path("records_added").asInt()).isPositive();
            assertThat(module.ledger().size()).isGreaterThan(before);
            JsonNode inRoom = get("/api/v1/evidence?room=" + URLEncoder.encode(other.value(), StandardCharsets.UTF_8), MEMBER);
            assertThat(inRoom.path("records")).extracting(r -> r.path("event_id").asText()).contains(plain);
        }
    }
}
