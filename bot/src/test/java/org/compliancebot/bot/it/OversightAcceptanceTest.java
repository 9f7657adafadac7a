package org.compliancebot.bot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.compliancebot.bot.app.BotApplication;
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
 * Human oversight of change requests against the real Synapse, in its encrypted oversight room, with
 * matrix-js-sdk (Element's crypto) playing the requester, the assessor, the approvers and an impostor.
 */
@ExtendWith(SynapseExtension.class)
class OversightAcceptanceTest {
    private static final Duration WAIT = OversightHarness.WAIT;

    @TempDir
    Path dir;

    /** The cast: a requester without roles, a security lead who assesses, an overseer, a stakeholder, an impostor. */
    private record Cast(RegisteredUser bot, JsClient alice, JsClient lee, JsClient olga, JsClient sam, JsClient mallory,
                        RegisteredUser olgaAccount, OversightHarness h) {}

    private Cast cast(SynapseServer server, JsClients clients) {
        RegisteredUser bot = server.registerUniqueUser("bot");
        RegisteredUser alice = server.registerUniqueUser("alice");
        RegisteredUser lee = server.registerUniqueUser("lee");
        RegisteredUser olga = server.registerUniqueUser("olga");
        RegisteredUser sam = server.registerUniqueUser("sam");
        RegisteredUser mallory = server.registerUniqueUser("mallory");
        JsClient a = clients.encryptedClient(server, alice);
        JsClient l = clients.encryptedClient(server, lee);
        JsClient o = clients.encryptedClient(server, olga);
        JsClient s = clients.encryptedClient(server, sam);
        JsClient m = clients.encryptedClient(server, mallory);
        Map<String, List<String>> roles = Map.of("security_lead", List.of(lee.userId()),
                "human_overseer", List.of(olga.userId()), "stakeholder", List.of(sam.userId()));
        OversightHarness h = new OversightHarness(server, bot, dir, roles, List.of(a, l, o, s, m));
        return new Cast(bot, a, l, o, s, m, olga, h);
    }

    private JsEvent confirmation(JsClient who, OversightHarness h, OversightHarness.Request req, String replyId) {
        JsEvent answer = h.answerTo(who, replyId);
        assertThat(OversightHarness.inThreadOf(req.eventId()).test(answer)).as("the answer is in the request's thread").isTrue();
        return answer;
    }

    @Test
    void mediumChangesAreDecidedByAnOverseerAndNobodyElse(SynapseServer server, JsClients clients) throws Exception {
        Cast c = cast(server, clients);
        OversightHarness h = c.h();
        try (BotApplication app = h.start()) {
            // 1. An overseer's APPROVED approves a Medium change, with a confirmation in the thread.
            OversightHarness.Request first = h.request(c.alice(), c.lee(), "Add asset_owner to assets", "likely/minor");
            assertThat(first.content().path("formatted_body").asText()).contains("<h3>Change Approval Request: " + first.crId());
            assertThat(first.content().path("body").asText()).contains("To reject: reply REJECTED: <reason>");
            String approve = c.olga().sendReply(h.room.value(), first.eventId(), "APPROVED");
            assertThat(confirmation(c.olga(), h, first, approve).body()).contains("is APPROVED");
            assertThat(h.state(first.crId())).isEqualTo("APPROVED");
            assertThat(h.outcomes(approve)).containsExactly("accepted:approve:human_overseer");
            assertThat(h.bot.column("SELECT device_id FROM decision_evidence WHERE event_id = '" + approve + "'"))
                    .containsExactly(c.olga().deviceId());

            // 2. A bare REJECTED is refused with help; REJECTED: <reason> rejects, with the reason.
            OversightHarness.Request second = h.request(c.alice(), c.lee(), "Drop the legacy API", "likely/minor");
            String bare = c.olga().sendReply(h.room.value(), second.eventId(), "REJECTED");
            assertThat(confirmation(c.olga(), h, second, bare).body()).contains("not a decision").contains("REJECTED: <reason>");
            assertThat(h.state(second.crId())).isEqualTo("AWAITING_APPROVAL");
            String reject = c.olga().sendReply(h.room.value(), second.eventId(), "REJECTED: too risky");
            assertThat(confirmation(c.olga(), h, second, reject).body()).contains("too risky").contains("is REJECTED");
            assertThat(h.state(second.crId())).isEqualTo("REJECTED");

            // 6. Editing that REJECTED into APPROVED changes nothing and is logged.
            String edit = c.olga().edit(h.room.value(), reject, "APPROVED");
            TestBot.await("the edit in the evidence", WAIT, () -> h.bot.count(
                    "SELECT COUNT(*) FROM decision_evidence WHERE event_id = '" + edit + "'") == 1);
            assertThat(h.outcomes(edit)).containsExactly("decision-edit-ignored");
            assertThat(h.state(second.crId())).isEqualTo("REJECTED");
            assertThat(h.bot.count("SELECT COUNT(*) FROM change_log WHERE kind = 'DECISION_EDIT_IGNORED' AND cr_id = '"
                    + second.crId() + "'")).isEqualTo(1);

            // 3. The requester approving their own change is refused (the overseer requests here).
            OversightHarness.Request own = h.request(c.olga(), c.lee(), "Rotate the signing key", "likely/minor");
            String self = c.olga().sendReply(h.room.value(), own.eventId(), "APPROVED");
            assertThat(confirmation(c.olga(), h, own, self).body()).contains("was not counted");
            assertThat(h.outcomes(self)).containsExactly("refused:requester-cannot-approve");

            // 4. A user without the role is refused, also when their display name copies the overseer's.
            OversightHarness.Request fourth = h.request(c.alice(), c.lee(), "Open port 8443", "likely/minor");
            String plain = c.mallory().sendReply(h.room.value(), fourth.eventId(), "APPROVED");
            assertThat(confirmation(c.mallory(), h, fourth, plain).body()).contains("was not counted");
            c.mallory().setDisplayName("olga");
            c.mallory().setDisplayName(c.olgaAccount().userId());
            String impostor = c.mallory().sendReply(h.room.value(), fourth.eventId(), "APPROVED");
            assertThat(confirmation(c.mallory(), h, fourth, impostor).body()).contains("was not counted");
            assertThat(h.outcomes(plain)).containsExactly("refused:not-a-role-holder");
            assertThat(h.outcomes(impostor)).containsExactly("refused:not-a-role-holder");
            assertThat(h.state(fourth.crId())).isEqualTo("AWAITING_APPROVAL");
            assertThat(h.state(own.crId())).isEqualTo("AWAITING_APPROVAL");
        }
    }

    @Test
    void aHighRiskChangeNeedsBothApproversFromCrossSignedDevices(SynapseServer server, JsClients clients) throws Exception {
        Cast c = cast(server, clients);
        OversightHarness h = c.h();
        // Olga's second device: logged in with crypto, but not cross-signed by her master key.
        JsClient unsigned = clients.create(c.olgaAccount().localpart() + "-unsigned");
        unsigned.login(server, c.olgaAccount());
        unsigned.initCrypto();
        unsigned.start(false);
        try (BotApplication app = h.start()) {
            OversightHarness.Request high = h.request(c.alice(), c.lee(), "Migrate the tenant schema", "likely/major");
            assertThat(high.content().path("body").asText()).contains("Risk level: High").contains("cross-signed");

            String fromUnsigned = unsigned.sendReply(h.room.value(), high.eventId(), "APPROVED");
            assertThat(confirmation(c.olga(), h, high, fromUnsigned).body()).contains("was not counted");
            assertThat(h.outcomes(fromUnsigned)).containsExactly("refused:device-not-cross-signed");

            String olga = c.olga().sendReply(h.room.value(), high.eventId(), "APPROVED");
            assertThat(confirmation(c.olga(), h, high, olga).body()).contains("Still needed");
            assertThat(h.state(high.crId())).isEqualTo("AWAITING_APPROVAL");

            String sam = c.sam().sendThreadReply(h.room.value(), high.eventId(), "APPROVED");
            assertThat(confirmation(c.sam(), h, high, sam).body()).contains("is APPROVED");
            assertThat(h.state(high.crId())).isEqualTo("APPROVED");
            assertThat(h.bot.count("SELECT COUNT(*) FROM identity_pin")).isEqualTo(2);
            assertThat(h.bot.column("SELECT cross_signed FROM decision_evidence WHERE event_id = '" + sam + "'"))
                    .containsExactly("1");
        }
    }

    @Test
    void aDecisionWhoseBatchDiesBeforeCommitIsAppliedExactlyOnceAfterARestart(SynapseServer server, JsClients clients)
            throws Exception {
        Cast c = cast(server, clients);
        OversightHarness h = c.h();
        OversightHarness.Request req;
        String approve;
        AtomicBoolean crashed = new AtomicBoolean();
        try (BotApplication first = h.start()) {
            req = h.request(c.alice(), c.lee(), "Enable audit retention", "likely/minor");
            String olga = c.olgaAccount().userId();
            // The hook sees the batch as received (still encrypted): Olga's only message is her decision.
            first.syncEngine().setBeforeCommit(batch -> {
                boolean decision = batch.timeline().stream().anyMatch(e -> e.sender().value().equals(olga)
                        && e.roomId().equals(h.room) && !e.isState());
                if (decision && crashed.compareAndSet(false, true)) {
                    throw new FoundationAcceptanceTest.SimulatedCrash();
                }
            });
            approve = c.olga().sendReply(h.room.value(), req.eventId(), "APPROVED");
            TestBot.await("the simulated crash", WAIT, crashed::get);
            TestBot.await("the sync loop to die", WAIT, () -> !first.syncEngine().isRunning());
            assertThat(h.state(req.crId())).isEqualTo("AWAITING_APPROVAL");
            assertThat(h.outcomes(approve)).isEmpty();
        }
        try (BotApplication second = h.start()) {
            assertThat(confirmation(c.olga(), h, req, approve).body()).contains("is APPROVED");
            Thread.sleep(2000);
            assertThat(h.state(req.crId())).isEqualTo("APPROVED");
            assertThat(h.outcomes(approve)).containsExactly("accepted:approve:human_overseer");
            assertThat(h.bot.count("SELECT COUNT(*) FROM change_log WHERE kind = 'DECISION' AND cr_id = '" + req.crId() + "'"))
                    .isEqualTo(1);
            assertThat(h.bot.count("SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'cr-decision-reply:" + approve + "'"))
                    .isEqualTo(1);
            String bot = c.bot().userId();
            assertThat(c.olga().events().stream().filter(e -> e.isDecrypted() && e.sender().equals(bot)
                    && approve.equals(e.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText())))
                    .hasSize(1);
        }
        assertThat(crashed).isTrue();
    }
}
