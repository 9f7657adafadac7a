package org.compliancebot.bot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.compliancebot.bot.evidence.EventDecryptor;
import org.compliancebot.bot.evidence.matrix.CryptoStoreDecryptor;
import org.compliancebot.bot.evidence.verify.PacketVerifier;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
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
 * The evidence log of the production bot through REST, on the real Synapse, with the team as matrix-js-sdk
 * clients with Element's crypto: encrypted rooms extracted through the API carry the plaintext the bot's
 * crypto store decrypts (and say so where it holds no key), reads follow room membership, and an archived
 * incident's transcript is in the incident's packet, which the offline verifier passes with its Megolm check.
 */
@ExtendWith(SynapseExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentEvidenceAcceptanceTest {
    private static final ObjectMapper MAPPER = ServiceBot.mapper();

    @TempDir
    static Path dir;
    static ServiceBot s;

    @BeforeAll
    static void deploy(SynapseServer server, JsClients js) throws Exception {
        s = new ServiceBot(server, js, dir);
        s.start("self_check: {interval_minutes: 60}", Clock.systemUTC(), null);
    }

    @AfterAll
    static void undeploy() {
        if (s != null) {
            s.close();
        }
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private static void awaitMembers(String room, String... users) throws InterruptedException {
        ServiceBot.await("members of " + room, () -> {
            try {
                java.util.Set<UserId> joined = s.app.client().joinedMembers(RoomId.of(room));
                return java.util.Arrays.stream(users).allMatch(u -> joined.contains(UserId.of(u)));
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private static Map<String, JsonNode> byEvent(JsonNode records) {
        Map<String, JsonNode> out = new HashMap<>();
        records.forEach(r -> out.put(r.path("event_id").asText(), r));
        return out;
    }

    /** The packet's files from the export answer, written as a zip and verified offline. */
    private static Map<String, String> exportAndVerify(JsonNode exported, String name) throws Exception {
        byte[] zip = Base64.getDecoder().decode(exported.path("zip_base64").asText());
        Path file = dir.resolve(name + ".zip");
        Files.write(file, zip);
        PacketVerifier.Result result = new PacketVerifier().verify(file, exported.path("public_key").asText());
        assertThat(result.failure()).as(String.join("\n", result.passed())).isEmpty();
        assertThat(result.passed()).anyMatch(l -> l.contains("Megolm") && l.matches(".*\\b[1-9][0-9]* ciphertexts decrypt.*"));
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName().substring(e.getName().indexOf('/') + 1), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static List<JsonNode> records(Map<String, String> files) throws Exception {
        String jsonl = files.entrySet().stream().filter(e -> e.getKey().endsWith("records.jsonl")).findFirst().orElseThrow().getValue();
        List<JsonNode> out = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            out.add(MAPPER.readTree(line));
        }
        return out;
    }

    private static String file(Map<String, String> files, String suffix) {
        return files.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).findFirst().orElseThrow().getValue();
    }

    /**
     * An encrypted room of the lead's with a message sent before the bot was invited (its key never reaches the
     * bot); returns the room id and that message's id, once the lead's client saw the bot join.
     */
    private static String[] encryptedRoomJoinedLate(String name, String early) throws Exception {
        String room = s.lead.createRoom(Map.of("name", name, "preset", "private_chat",
                "initial_state", List.of(Map.of("type", "m.room.encryption", "state_key", "",
                        "content", Map.of("algorithm", "m.megolm.v1.aes-sha2")))));
        ServiceBot.await("the lead's client to know the room is encrypted", () -> s.lead.isRoomEncrypted(room));
        String sentEarly = s.lead.sendText(room, early);
        s.lead.invite(room, s.bot.userId());
        awaitMembers(room, s.bot.userId());
        // The lead's client encrypts for the members it knows: wait until it saw the bot's join.
        s.lead.awaitEvent(e -> e.isTimeline() && room.equals(e.roomId()) && "m.room.member".equals(e.type())
                && s.bot.userId().equals(e.sender()) && "join".equals(e.content().path("membership").asText()), ServiceBot.WAIT);
        return new String[] {room, sentEarly};
    }

    @Test
    @Order(1)
    void anEncryptedRoomExtractedThroughRestCarriesItsPlaintextAndMarksWhatTheBotCannotDecrypt() throws Exception {
        String[] roomAndEarly = encryptedRoomJoinedLate("Key rotation notes", "Sent before the bot was in the room");
        String room = roomAndEarly[0];
        String early = roomAndEarly[1];
        String late = s.lead.sendText(room, "Rotated the evidence signing key at 14:00");
        String edit = s.lead.edit(room, late, "Rotated the evidence signing key at 14:05");

        JsonNode extracted = s.expect(200, s.post("/api/v1/evidence/extract", ServiceBot.LEAD_TOKEN,
                "{\"room_id\":\"" + room + "\"}"));
        assertThat(extracted.path("records_added").asInt()).isPositive();

        Map<String, JsonNode> listed = byEvent(s.get("/api/v1/evidence?room=" + enc(room), ServiceBot.LEAD_TOKEN).path("records"));
        assertThat(listed.get(late).path("event_type").asText()).isEqualTo("m.room.encrypted");
        assertThat(listed.get(late).path("body").asText()).isEqualTo("Rotated the evidence signing key at 14:00");
        assertThat(listed.get(late).path("sender_trust").asText()).isEqualTo("cross_signed");
        assertThat(listed.get(edit).path("kind").asText()).isEqualTo("edit");
        assertThat(listed.get(edit).path("decrypted").path("content").path("m.new_content").path("body").asText())
                .isEqualTo("Rotated the evidence signing key at 14:05");
        // Sent before the bot joined: Element's crypto shared that room key with the members of the time only.
        assertThat(listed.get(early).path("decrypted").isMissingNode()).isTrue();
        assertThat(listed.get(early).path("note").asText()).startsWith("undecryptable: ").contains("no room key");
        assertThat(listed.get(early).path("content").path("ciphertext").asText()).isNotEmpty();

        Map<String, String> files = exportAndVerify(s.get("/api/v1/evidence/export?room=" + enc(room) + "&megolm=true",
                ServiceBot.LEAD_TOKEN), "room");
        assertThat(file(files, "index.html")).contains("Rotated the evidence signing key at 14:05")
                .contains("Encrypted records the bot could not decrypt: 1").contains("[encrypted, undecryptable: ");
    }

    @Test
    @Order(2)
    void anArchivedIncidentsTranscriptIsInItsPacketAndOnlyItsMembersMayReadIt() throws Exception {
        JsonNode opened = s.expect(201, s.post("/api/v1/incidents", ServiceBot.LEAD_TOKEN,
                "{\"title\":\"Signing key exposed in CI\",\"severity\":\"high\"}"));
        String id = opened.path("incident_id").asText();
        ServiceBot.await(id + " opened", () -> {
            try {
                return "opened".equals(s.get("/api/v1/incidents/" + id, ServiceBot.AUDITOR_TOKEN).path("opening").asText());
            } catch (Exception e) {
                return false;
            }
        });
        String room = s.get("/api/v1/incidents/" + id, ServiceBot.AUDITOR_TOKEN).path("room_id").asText();
        s.lead.awaitEvent(JsEvent.inviteTo(room), ServiceBot.WAIT);
        s.compliance.awaitEvent(JsEvent.inviteTo(room), ServiceBot.WAIT);
        awaitMembers(room, s.leadAccount.userId(), s.complianceAccount.userId());

        String contained = s.lead.sendText(room, "Contained: exposed key revoked at 10:02");
        String cause = s.compliance.sendText(room, "Root cause: key printed by a debug step");
        String edit = s.lead.edit(room, contained, "Contained: exposed key revoked at 10:02 UTC");
        // Read once before the archive, without the incident link: the archive links these records too.
        s.expect(200, s.post("/api/v1/evidence/extract", ServiceBot.LEAD_TOKEN, "{\"room_id\":\"" + room + "\"}"));

        // The member token's user is not in the incident room; the tokens without a user or auditor scope see nothing.
        JsonNode outsider = s.get("/api/v1/evidence?room=" + enc(room), ServiceBot.LEAD_TOKEN);
        assertThat(outsider.path("count").asInt()).isPositive();
        JsonNode refused = s.expect(403, s.send("GET", "/api/v1/evidence?room=" + enc(room), ServiceBot.MEMBER_TOKEN, null, Map.of()));
        assertThat(refused.path("message").asText()).contains(room).contains(s.memberAccount.userId()).contains("not a member");
        assertThat(byEvent(s.get("/api/v1/evidence?limit=1000", ServiceBot.MEMBER_TOKEN).path("records")))
                .doesNotContainKeys(contained, cause, edit);
        s.expect(403, s.send("GET", "/api/v1/evidence?limit=10", ServiceBot.ANON_TOKEN, null, Map.of()));
        s.expect(403, s.send("GET", "/api/v1/evidence?limit=10", ServiceBot.AUDITOR_TOKEN, null, Map.of()));

        s.expect(200, s.post("/api/v1/incidents/" + id + "/close", ServiceBot.LEAD_TOKEN,
                "{\"resolution\":\"Key rotated; debug step removed\"}"));
        ServiceBot.await(id + " archived and closed", () -> {
            try {
                return "closed".equals(s.get("/api/v1/incidents/" + id, ServiceBot.AUDITOR_TOKEN).path("status").asText());
            } catch (Exception e) {
                return false;
            }
        });

        JsonNode memberByIncident = s.get("/api/v1/evidence?incident=" + id, ServiceBot.MEMBER_TOKEN);
        assertThat(memberByIncident.path("count").asInt()).as("records of rooms the member is not in are left out").isZero();
        JsonNode denied = s.expect(403, s.send("GET", "/api/v1/evidence/export?incident=" + id, ServiceBot.MEMBER_TOKEN, null, Map.of()));
        assertThat(denied.path("error").asText()).isEqualTo("forbidden");
        assertThat(denied.path("message").asText()).contains(room).contains("not a member");

        JsonNode listed = s.get("/api/v1/evidence?incident=" + id + "&limit=1000", ServiceBot.LEAD_TOKEN);
        int before = listed.path("count").asInt();
        assertThat(byEvent(listed.path("records"))).containsKeys(contained, cause, edit);
        // Archiving again (a retried closure) reads the same history: nothing is added.
        JsonNode again = s.expect(200, s.post("/api/v1/evidence/extract", ServiceBot.LEAD_TOKEN, "{\"room_id\":\"" + room + "\"}"));
        assertThat(again.path("records_added").asInt()).isZero();
        assertThat(s.get("/api/v1/evidence?incident=" + id + "&limit=1000", ServiceBot.LEAD_TOKEN).path("count").asInt()).isEqualTo(before);

        JsonNode exported = s.get("/api/v1/evidence/export?incident=" + id, ServiceBot.LEAD_TOKEN);
        assertThat(exported.path("megolm_sessions").asInt()).isPositive();
        Map<String, String> files = exportAndVerify(exported, "incident");
        Map<String, JsonNode> records = new HashMap<>();
        for (JsonNode r : records(files)) {
            records.put(r.path("event_id").asText(), r);
        }
        assertThat(records.get(contained).path("decrypted").path("content").path("body").asText())
                .isEqualTo("Contained: exposed key revoked at 10:02");
        assertThat(records.get(cause).path("decrypted").path("content").path("body").asText())
                .isEqualTo("Root cause: key printed by a debug step");
        assertThat(records.get(cause).path("sender").asText()).isEqualTo(s.complianceAccount.userId());
        assertThat(records.get(edit).path("kind").asText()).isEqualTo("edit");
        assertThat(records.get(edit).path("decrypted").path("content").path("m.new_content").path("body").asText())
                .isEqualTo("Contained: exposed key revoked at 10:02 UTC");
        JsonNode closing = records.values().stream().filter(r -> r.path("decrypted").path("content").path("body").asText()
                .startsWith("Incident " + id + " is closed by")).findFirst().orElseThrow();
        assertThat(closing.path("sender").asText()).isEqualTo(s.bot.userId());
        assertThat(closing.path("links").path("incidents")).extracting(JsonNode::asText).containsExactly(id);
        assertThat(file(files, "index.html")).contains("Root cause: key printed by a debug step");
    }

    /**
     * {@code evidence extract} on the command line, in a process of its own beside the running bot on the same
     * database: it decrypts with the bot's crypto store, and the bot goes on decrypting afterwards.
     */
    @Test
    @Order(3)
    void theCommandLineExtractionDecryptsWithTheCryptoStoreBesideTheRunningBot() throws Exception {
        String[] roomAndEarly = encryptedRoomJoinedLate("Firewall review", "Before the bot joined");
        String room = roomAndEarly[0];
        String early = roomAndEarly[1];
        String sent = s.lead.sendText(room, "Firewall rule 42 removed after review");
        EventDecryptor running = CryptoStoreDecryptor.of(s.app.e2ee());
        ServiceBot.await("the bot to hold the room key", () -> running.decrypt(room, sent,
                s.app.client().event(RoomId.of(room), EventId.of(sent))).decrypted().isPresent());

        ProcessBuilder command = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "org.compliancebot.bot.cli.Main", "evidence", "extract",
                "--config", s.configFile().toString(), "--room", room).redirectErrorStream(true);
        Map<String, String> env = s.cliEnvironment();
        command.environment().putAll(env);
        Process cli = command.start();
        cli.getOutputStream().close();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor()).as(output).isZero();
        assertThat(output).contains("appended").doesNotContain("needs the crypto store");
        env.values().forEach(secret -> assertThat(output).as("the output shows no secret").doesNotContain(secret));

        Map<String, JsonNode> listed = byEvent(s.get("/api/v1/evidence?room=" + enc(room), ServiceBot.LEAD_TOKEN).path("records"));
        assertThat(listed.get(sent).path("event_type").asText()).isEqualTo("m.room.encrypted");
        assertThat(listed.get(sent).path("body").asText()).isEqualTo("Firewall rule 42 removed after review");
        assertThat(listed.get(sent).path("sender_trust").asText()).isEqualTo("cross_signed");
        assertThat(listed.get(early).path("note").asText()).startsWith("undecryptable: ").contains("no room key");

        // The command line changed the store (the replay marks of what it decrypted); the bot reloads it and goes on.
        String later = s.lead.sendText(room, "Rule 43 kept");
        ServiceBot.await("the bot to decrypt after the command line", () -> running.decrypt(room, later,
                s.app.client().event(RoomId.of(room), EventId.of(later))).decrypted().isPresent());
        s.expect(200, s.post("/api/v1/evidence/extract", ServiceBot.LEAD_TOKEN, "{\"room_id\":\"" + room + "\"}"));
        assertThat(byEvent(s.get("/api/v1/evidence?room=" + enc(room), ServiceBot.LEAD_TOKEN).path("records")).get(later)
                .path("body").asText()).isEqualTo("Rule 43 kept");
    }
}
