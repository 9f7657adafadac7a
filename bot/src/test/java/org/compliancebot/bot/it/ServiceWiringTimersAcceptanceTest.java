package org.compliancebot.bot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.compliancebot.bot.watchdog.testing.FakeClock;
import org.compliancebot.bot.watchdog.testing.ManualScheduler;
import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.js.JsEvent;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connected bot in fake time (the watchdog's timers driven by hand, as in the watchdog's own
 * acceptance test): an encrypted {@code !ack} reply from a team member stops a Critical alert's
 * escalation, and an approval requested through the REST API and left undecided raises the watchdog's
 * pending-approval warning.
 */
@ExtendWith(SynapseExtension.class)
class ServiceWiringTimersAcceptanceTest {
    private static final Duration WAIT = ServiceBot.WAIT;

    @TempDir
    Path dir;

    private static String alert(String fingerprint, String title) {
        return "{\"source\":\"ops\",\"fingerprint\":\"" + fingerprint + "\",\"title\":\"" + title + "\",\"level\":\"critical\"}";
    }

    @Test
    void anEncryptedAckReplyStopsTheEscalationAndAnUndecidedApprovalRaisesAWarning(SynapseServer server, JsClients js)
            throws Exception {
        FakeClock clock = FakeClock.atNow();
        ManualScheduler timers = new ManualScheduler(clock);
        try (ServiceBot s = new ServiceBot(server, js, dir)) {
            s.start("escalation_minutes: 15\nself_check: {interval_minutes: 60, approval_pending_minutes: 30}", clock, timers);
            String mon = s.monitoring.value();
            long left = s.expect(200, s.post("/webhooks/ci", ServiceBot.WEBHOOK_TOKEN, alert("db", "Primary database down")))
                    .path("created").get(0).asLong();
            long acked = s.expect(200, s.post("/webhooks/ci", ServiceBot.WEBHOOK_TOKEN, alert("vpn", "VPN gateway down")))
                    .path("created").get(0).asLong();
            JsEvent vpn = s.lead.awaitEvent(e -> e.isTimeline() && mon.equals(e.roomId()) && e.body() != null
                    && e.body().contains("VPN gateway down") && !e.content().has("m.relates_to"), WAIT);
            assertThat(vpn.isDecrypted()).isTrue();

            timers.advance(Duration.ofMinutes(10));
            assertThat(s.lead.isRoomEncrypted(mon)).isTrue();
            String ack = s.lead.sendReply(mon, vpn.eventId(), "!ack");
            JsEvent answer = s.lead.awaitEvent(e -> e.isTimeline() && e.isDecrypted() && s.bot.userId().equals(e.sender())
                    && ack.equals(e.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText()), WAIT);
            assertThat(answer.body()).contains("Acknowledged alert #" + acked).contains(s.leadAccount.userId());
            assertThat(s.typeOnServer(s.monitoring, ack)).as("the !ack travelled encrypted").isEqualTo("m.room.encrypted");
            assertThat(s.get("/api/v1/alerts/" + acked, ServiceBot.AUDITOR_TOKEN).path("acknowledged_by").asText())
                    .isEqualTo(s.leadAccount.userId());

            // A change awaiting approval, requested through the API, waits past the limit of 30 minutes.
            String ref = s.expect(201, s.post("/api/v1/changes", ServiceBot.MEMBER_TOKEN, "{\"summary\":\"Open port 8443\"}"))
                    .path("draft_ref").asText();
            String cr = s.expect(200, s.post("/api/v1/changes/" + ref + "/submit", ServiceBot.MEMBER_TOKEN, null)).path("cr_id").asText();
            JsonNode assessed = s.expect(200, s.post("/api/v1/changes/" + cr + "/assess", ServiceBot.LEAD_TOKEN,
                    "{\"impact\":\"medium\",\"risk\":\"likely/minor\"}"));
            String approval = assessed.path("approval").path("request").path("approval_request_id").asText();

            timers.advance(Duration.ofMinutes(5));
            JsEvent escalation = s.overseer.awaitEvent(e -> e.isTimeline() && s.oversight.value().equals(e.roomId())
                    && e.body() != null && e.body().contains("has not been acknowledged for 15 minutes")
                    && e.body().contains("Primary database down"), WAIT);
            assertThat(escalation.isDecrypted()).isTrue();
            assertThat(s.get("/api/v1/alerts/" + left, ServiceBot.AUDITOR_TOKEN).path("escalated_at").isNull()).isFalse();

            timers.advance(Duration.ofMinutes(30));
            JsEvent warning = s.lead.awaitEvent(e -> e.isTimeline() && mon.equals(e.roomId()) && e.body() != null
                    && e.body().contains("Approval " + approval + " pending for"), WAIT);
            assertThat(warning.body()).contains(cr).contains("WARNING");
            assertThat(s.get("/api/v1/alerts/" + acked, ServiceBot.AUDITOR_TOKEN).path("escalated_at").isNull())
                    .as("the acknowledged alert never escalates").isTrue();
            long vpnEscalations = 0;
            for (JsEvent e : s.overseer.events()) {
                if (e.isTimeline() && s.oversight.value().equals(e.roomId()) && e.body() != null
                        && e.body().contains("has not been acknowledged") && e.body().contains("VPN gateway down")) {
                    vpnEscalations++;
                }
            }
            assertThat(vpnEscalations).isZero();
        }
    }
}
