package org.compliancebot.bot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.compliancebot.bot.watchdog.testing.FakeClock;
import org.compliancebot.bot.watchdog.testing.ManualScheduler;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.js.JsEvent;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog against the real Synapse, with matrix-js-sdk as the team member. The rooms are encrypted
 * by the homeserver's default; the bot's messages reach the JS client as sent.
 */
@ExtendWith(SynapseExtension.class)
class WatchdogAcceptanceTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;

    static String alertmanager(String status) {
        return """
                {"receiver":"compliance-bot","status":"%1$s","alerts":[{"status":"%1$s",
                 "labels":{"alertname":"DiskFull","instance":"db-1:9100","severity":"critical"},
                 "annotations":{"summary":"Disk almost full on db-1","description":"Less than 5%% free on /var"},
                 "startsAt":"2025-10-02T10:00:00Z","endsAt":"%2$s","generatorURL":"http://prometheus:9090/graph?g0.expr=disk",
                 "fingerprint":"c0ffee0123456789"}],
                 "groupLabels":{"alertname":"DiskFull"},"commonLabels":{"alertname":"DiskFull","severity":"critical"},
                 "commonAnnotations":{},"externalURL":"http://alertmanager:9093","version":"4",
                 "groupKey":"{}:{alertname=\\"DiskFull\\"}","truncatedAlerts":0}
                """.formatted(status, status.equals("resolved") ? "2025-10-02T10:30:00Z" : "0001-01-01T00:00:00Z");
    }

    static String generic(String fingerprint, String level, String title) {
        return "{\"source\":\"backup\",\"fingerprint\":\"" + fingerprint + "\",\"title\":\"" + title + "\",\"level\":\"" + level + "\"}";
    }

    private WatchdogBot bot(SynapseServer server, JsClient human) {
        return new WatchdogBot(server, server.registerUniqueUser("bot"), human, dir);
    }

    private static JsClient human(SynapseServer server, JsClients clients, RegisteredUser user) {
        return clients.encryptedClient(server, user);
    }

    @Test
    void firingThenResolvedIsOneMessageThenAnEditOfIt(SynapseServer server, JsClients clients) throws Exception {
        RegisteredUser alice = server.registerUniqueUser("alice");
        JsClient human = human(server, clients, alice);
        try (WatchdogBot w = bot(server, human)) {
            w.start("self_check: {enabled: false}", alice.userId(), Clock.systemUTC(), null);
            String room = w.monitoring.value();
            HttpResponse<String> fired = w.post("/webhooks/prometheus", WatchdogBot.PROM_TOKEN, alertmanager("firing"));
            assertThat(fired.statusCode()).as(fired.body()).isEqualTo(200);
            long id = mapper.readTree(fired.body()).path("created").get(0).asLong();

            JsEvent posted = human.awaitEvent(e -> e.isTimeline() && room.equals(e.roomId()) && "m.room.message".equals(e.type())
                    && e.body() != null && e.body().contains("Disk almost full on db-1"), WAIT);
            assertThat(posted.sender()).isEqualTo(w.account.userId());
            assertThat(posted.body()).startsWith("🔴 CRITICAL");
            assertThat(posted.content().path("formatted_body").asText()).contains("<strong>").contains("CRITICAL");

            HttpResponse<String> resolved = w.post("/webhooks/prometheus", WatchdogBot.PROM_TOKEN, alertmanager("resolved"));
            assertThat(mapper.readTree(resolved.body()).path("resolved").get(0).asLong()).isEqualTo(id);
            JsEvent edit = human.awaitEvent(e -> e.isTimeline() && room.equals(e.roomId())
                    && "m.replace".equals(e.content().path("m.relates_to").path("rel_type").asText())
                    && posted.eventId().equals(e.content().path("m.relates_to").path("event_id").asText()), WAIT);
            assertThat(edit.content().path("m.new_content").path("body").asText()).startsWith("✅ RESOLVED (was Critical)")
                    .contains("Disk almost full on db-1");
            human.awaitEvent(e -> e.isTimeline() && room.equals(e.roomId())
                    && "m.thread".equals(e.content().path("m.relates_to").path("rel_type").asText())
                    && posted.eventId().equals(e.content().path("m.relates_to").path("event_id").asText())
                    && e.body().startsWith("✅ Resolved"), WAIT);
            assertThat(w.botPosts(w.monitoring)).hasSize(1);
            assertThat(w.alert(id).path("status").asText()).isEqualTo("resolved");
        }
    }

    @Test
    void aThousandFiringsOfOneAlertAreOneMessageAndACounter(SynapseServer server, JsClients clients) throws Exception {
        RegisteredUser alice = server.registerUniqueUser("alice");
        JsClient human = human(server, clients, alice);
        try (WatchdogBot w = bot(server, human)) {
            w.start("self_check: {enabled: false}", alice.userId(), Clock.systemUTC(), null);
            long id = -1;
            for (int i = 0; i < 1000; i++) {
                HttpResponse<String> r = w.post("/webhooks/prometheus", WatchdogBot.PROM_TOKEN, alertmanager("firing"));
                assertThat(r.statusCode()).isEqualTo(200);
                if (i == 0) {
                    id = mapper.readTree(r.body()).path("created").get(0).asLong();
                }
            }
            long alertId = id;
            WatchdogBot.await("the alert's message", WAIT, () -> {
                try {
                    return !w.alert(alertId).path("event_id").isNull();
                } catch (Exception e) {
                    return false;
                }
            });
            Thread.sleep(2000);
            assertThat(w.alert(id).path("fire_count").asLong()).isEqualTo(1000);
            assertThat(w.api("/api/v1/alerts").path("alerts")).hasSize(1);
            assertThat(w.botPosts(w.monitoring)).singleElement()
                    .satisfies(e -> assertThat(e.path("content").path("body").asText()).contains("Disk almost full on db-1"));
        }
    }

    @Test
    void refusedRequestsGetAReasonAndPostNothing(SynapseServer server, JsClients clients) throws Exception {
        RegisteredUser alice = server.registerUniqueUser("alice");
        JsClient human = human(server, clients, alice);
        try (WatchdogBot w = bot(server, human)) {
            w.start("self_check: {enabled: false}", alice.userId(), Clock.systemUTC(), null);
            Map<String, HttpResponse<String>> answers = new java.util.LinkedHashMap<>();
            answers.put("bad token", w.post("/webhooks/ci", "not-the-token", generic("f1", "critical", "Refused 1")));
            answers.put("oversized", w.post("/webhooks/ci", WatchdogBot.GENERIC_TOKEN,
                    generic("f2", "critical", "Refused 2 " + "x".repeat(1024 * 1024 + 10))));
            answers.put("malformed", w.post("/webhooks/ci", WatchdogBot.GENERIC_TOKEN, "{\"source\":\"backup\",\"title\":"));
            answers.put("schema", w.post("/webhooks/ci", WatchdogBot.GENERIC_TOKEN, "{\"source\":\"backup\",\"title\":\"Refused 3\",\"level\":\"warning\"}"));
            answers.put("unknown level", w.post("/webhooks/ci", WatchdogBot.GENERIC_TOKEN, generic("f4", "catastrophic", "Refused 4")));
            Map<String, Integer> expected = Map.of("bad token", 401, "oversized", 413, "malformed", 400, "schema", 422, "unknown level", 422);
            for (var e : answers.entrySet()) {
                assertThat(e.getValue().statusCode()).as(e.getKey()).isEqualTo(expected.get(e.getKey()));
                JsonNode body = mapper.readTree(e.getValue().body());
                assertThat(body.path("message").asText()).as(e.getKey()).isNotBlank();
            }
            assertThat(mapper.readTree(answers.get("unknown level").body()).path("message").asText()).contains("catastrophic");
            assertThat(mapper.readTree(answers.get("schema").body()).path("message").asText()).contains("fingerprint");
            // A marker alert afterwards: once it is in the room, nothing refused came before it.
            w.post("/webhooks/ci", WatchdogBot.GENERIC_TOKEN, generic("marker", "informational", "Marker after refusals"));
            human.awaitEvent(e -> e.isTimeline() && w.monitoring.value().equals(e.roomId()) && e.body() != null
                    && e.body().contains("Marker after refusals"), WAIT);
            assertThat(w.api("/api/v1/alerts").path("alerts")).hasSize(1);
            assertThat(w.botPosts(w.monitoring)).hasSize(1);
            assertThat(w.roomEvents(w.monitoring).toString()).doesNotContain("Refused");
        }
    }

    @Test
    void anUnacknowledgedCriticalEscalatesAndAnAcknowledgedOneDoesNot(SynapseServer server, JsClients clients) throws Exception {
        RegisteredUser alice = server.registerUniqueUser("alice");
        JsClient human = human(server, clients, alice);
        FakeClock clock = FakeClock.atNow();
        ManualScheduler timers = new ManualScheduler(clock);
        try (WatchdogBot w = bot(server, human)) {
            w.start("escalation_minutes: 15\nself_check: {enabled: false}", alice.userId(), clock, timers);
            String mon = w.monitoring.value();
            long left = mapper.readTree(w.post("/webhooks/ci", WatchdogBot.GENERIC_TOKEN, generic("db", "critical", "Primary database down")).body())
                    .path("created").get(0).asLong();
            long acked = mapper.readTree(w.post("/webhooks/ci", WatchdogBot.GENERIC_TOKEN, generic("vpn", "critical", "VPN gateway down")).body())
                    .path("created").get(0).asLong();
            JsEvent vpn = human.awaitEvent(e -> e.isTimeline() && mon.equals(e.roomId()) && e.body() != null
                    && e.body().contains("VPN gateway down") && !e.content().has("m.relates_to"), WAIT);
            human.awaitEvent(e -> e.isTimeline() && w.oversight.value().equals(e.roomId()) && e.body() != null
                    && e.body().contains("Critical alert in the monitoring room") && e.body().contains("Primary database down"), WAIT);

            timers.advance(Duration.ofMinutes(10));
            human.react(mon, vpn.eventId(), "✅");
            WatchdogBot.await("the reaction recorded", WAIT, () -> {
                try {
                    return alice.userId().equals(w.alert(acked).path("acknowledged_by").asText());
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(w.alert(left).path("escalated_at").isNull()).isTrue();

            timers.advance(Duration.ofMinutes(5));
            JsEvent escalation = human.awaitEvent(e -> e.isTimeline() && w.oversight.value().equals(e.roomId()) && e.body() != null
                    && e.body().contains("has not been acknowledged for 15 minutes"), WAIT);
            assertThat(escalation.body()).contains("Primary database down").contains(alice.userId());
            assertThat(escalation.content().path("m.mentions").path("user_ids").get(0).asText()).isEqualTo(alice.userId());
            assertThat(w.alert(left).path("escalated_at").isNull()).isFalse();
            timers.advance(Duration.ofMinutes(60));
            Thread.sleep(2000);
            assertThat(w.alert(acked).path("escalated_at").isNull()).isTrue();
            // The room is encrypted: the human's client holds the decrypted bodies.
            assertThat(human.events().stream().filter(e -> e.isTimeline() && w.oversight.value().equals(e.roomId())
                    && e.body() != null).map(JsEvent::body)
                    .filter(b -> b.contains("has not been acknowledged"))).singleElement()
                    .satisfies(b -> assertThat(b).contains("Primary database down"));
        }
    }

    @Test
    void aRoomWhoseEncryptionIsRemovedRaisesACritical(SynapseServer server, JsClients clients) throws Exception {
        RegisteredUser alice = server.registerUniqueUser("alice");
        JsClient human = human(server, clients, alice);
        FakeClock clock = FakeClock.atNow();
        ManualScheduler timers = new ManualScheduler(clock);
        try (WatchdogBot w = bot(server, human)) {
            String managed = WatchdogBot.room(human, "managed-" + Long.toHexString(System.nanoTime()), "Compliance team",
                    w.account.userId());
            w.start("self_check: {interval_minutes: 60}", alice.userId(), clock, timers);
            WatchdogBot.await("the bot in the managed room", WAIT, () -> w.app.client().joinedRooms().stream()
                    .anyMatch(r -> r.value().equals(managed)));
            timers.runDue();
            assertThat(w.api("/api/v1/alerts?status=open").path("alerts")).as("all rooms encrypted and retained").isEmpty();

            human.sendStateEvent(managed, "m.room.encryption", "", Map.of());
            timers.advance(Duration.ofMinutes(60));
            JsEvent alert = human.awaitEvent(e -> e.isTimeline() && w.monitoring.value().equals(e.roomId()) && e.body() != null
                    && e.body().contains("Room " + managed + " is not encrypted"), WAIT);
            assertThat(alert.body()).startsWith("🔴 CRITICAL");
            // Only the room checks count here: jumping an hour of fake time also makes the sync-loop probe see a stale loop.
            List<JsonNode> roomAlerts = new java.util.ArrayList<>();
            w.api("/api/v1/alerts?status=open&level=critical").path("alerts").forEach(a -> {
                if (a.path("fingerprint").asText().startsWith("room-")) {
                    roomAlerts.add(a);
                }
            });
            assertThat(roomAlerts).singleElement().satisfies(a -> assertThat(a.path("labels").path("room_id").asText()).isEqualTo(managed));
            String metrics = new String(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(w.base() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(metrics).contains("compliancebot_encryption_coverage_percent").contains("compliancebot_rooms_with_retention_policy_percent 100");
        }
    }
}
