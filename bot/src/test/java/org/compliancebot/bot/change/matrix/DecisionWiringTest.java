package org.compliancebot.bot.change.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancebot.bot.change.matrix.WiringFixture.OTHER;
import static org.compliancebot.bot.change.matrix.WiringFixture.OVERSIGHT;
import static org.compliancebot.bot.testing.People.*;

import java.nio.file.Path;
import java.util.List;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.oversight.DecisionEvidence;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.testkit.db.OnEachEngine;
import org.compliancebot.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Decisions arriving as room events, through the router, the listener and the SQLite store. */
@OnEachEngine
class DecisionWiringTest {
    @Parameter
    TestDatabase.Engine engine;
    private static final CrId CR = CrId.parse("CR-2026-001");

    @TempDir
    Path dir;
    private WiringFixture f;

    @BeforeEach
    void open() {
        f = new WiringFixture(TestDatabase.fresh(engine, dir.resolve("bot.db")));
        f.apply(f.join(ALICE), f.join(OLGA), f.join(OLIVER), f.join(SAM), f.join(DANA), f.join(LEE), f.join(MALLORY));
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** Creates, submits and assesses a change through chat and returns the posted approval request's event. */
    private EventId requestPosted(UserId requester, String risk) {
        assertThat(f.command(requester, "!cr new Add asset_owner to assets")).contains("DRAFT-1");
        assertThat(f.command(requester, "!cr submit DRAFT-1")).contains("CR-2026-001");
        assertThat(f.command(LEE, "!cr assess CR-2026-001 impact=medium risk=" + risk)).contains("Approval requested");
        f.sendQueued();
        WiringFixture.Sent request = f.outbox().stream().filter(s -> s.key().startsWith("cr-approval-request:"))
                .findFirst().orElseThrow();
        assertThat(request.room()).isEqualTo(OVERSIGHT);
        return request.eventId();
    }

    private CrState state() {
        return f.store.inTransaction(s -> s.status(CR).cr().state());
    }

    private String replyTo(RoomEvent e) {
        return f.outbox().stream().filter(s -> s.key().equals("cr-decision-reply:" + e.eventId().value())).findFirst()
                .map(WiringFixture.Sent::body).orElseThrow(() -> new AssertionError("no reply to " + e.eventId()));
    }

    private List<DecisionEvidence> evidence() {
        return f.store.evidence().all();
    }

    @Test
    void theRequestIsPostedWithAnHtmlBodyBesideThePlainOne() {
        requestPosted(ALICE, "likely/minor");
        WiringFixture.Sent request = f.outbox().stream().filter(s -> s.key().startsWith("cr-approval-request:")).findFirst()
                .orElseThrow();
        assertThat(request.body()).startsWith("Change Approval Request: CR-2026-001").contains("To approve: reply APPROVED");
        assertThat(request.content().path("format").asText()).isEqualTo("org.matrix.custom.html");
        assertThat(request.content().path("formatted_body").asText()).contains("<h3>Change Approval Request: CR-2026-001</h3>");
    }

    @Test
    void anOverseersReplyApprovesAMediumChangeWithAConfirmationInTheThread() {
        EventId request = requestPosted(ALICE, "likely/minor");
        RoomEvent approve = f.reply(OVERSIGHT, OLGA, request, "APPROVED");
        f.apply(approve);
        assertThat(state()).isEqualTo(CrState.APPROVED);
        WiringFixture.Sent confirmation = f.outbox().stream()
                .filter(s -> s.key().equals("cr-decision-reply:" + approve.eventId().value())).findFirst().orElseThrow();
        assertThat(confirmation.body()).contains(OLGA.value()).contains("is APPROVED");
        assertThat(confirmation.threadRoot()).isEqualTo(request.value());
        assertThat(confirmation.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText())
                .isEqualTo(approve.eventId().value());
        assertThat(evidence()).singleElement().satisfies(e -> {
            assertThat(e.eventId()).isEqualTo(approve.eventId());
            assertThat(e.roomId()).isEqualTo(OVERSIGHT);
            assertThat(e.sender()).isEqualTo(OLGA);
            assertThat(e.outcome()).startsWith("accepted:approve");
            assertThat(e.text()).isEqualTo("APPROVED");
        });
    }

    @Test
    void aMessageInTheRequestsThreadIsADecisionToo() {
        EventId request = requestPosted(ALICE, "likely/minor");
        f.apply(f.threadMessage(OLGA, request, "approved, looks fine"));
        assertThat(state()).isEqualTo(CrState.APPROVED);
    }

    @Test
    void aRejectionNeedsAReasonAndOneIsEnough() {
        EventId request = requestPosted(ALICE, "likely/minor");
        RoomEvent bare = f.reply(OVERSIGHT, OLGA, request, "REJECTED");
        f.apply(bare);
        assertThat(state()).isEqualTo(CrState.AWAITING_APPROVAL);
        assertThat(replyTo(bare)).contains("not a decision").contains("REJECTED: <reason>");
        assertThat(evidence()).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("not-a-decision"));

        RoomEvent reject = f.reply(OVERSIGHT, OLGA, request, "REJECTED: too risky");
        f.apply(reject);
        assertThat(state()).isEqualTo(CrState.REJECTED);
        assertThat(replyTo(reject)).contains("too risky").contains("is REJECTED");
    }

    @Test
    void theRequesterCannotApproveTheirOwnChange() {
        EventId request = requestPosted(OLGA, "likely/minor");
        RoomEvent own = f.reply(OVERSIGHT, OLGA, request, "APPROVED");
        f.apply(own);
        assertThat(state()).isEqualTo(CrState.AWAITING_APPROVAL);
        assertThat(replyTo(own)).contains("was not counted");
        assertThat(evidence()).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("refused:requester-cannot-approve"));
    }

    @Test
    void aUserWithoutTheRoleIsRefusedWhateverTheirDisplayName() {
        EventId request = requestPosted(ALICE, "likely/minor");
        f.apply(f.event(OVERSIGHT, MALLORY, "m.room.member", MALLORY.value(),
                f.json.createObjectNode().put("membership", "join").put("displayname", "Olga")));
        RoomEvent fake = f.reply(OVERSIGHT, MALLORY, request, "APPROVED");
        f.apply(fake);
        assertThat(state()).isEqualTo(CrState.AWAITING_APPROVAL);
        assertThat(evidence()).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("refused:not-a-role-holder"));
    }

    @Test
    void aSenderWhoLeftTheRoomBeforeTheirReplyIsRefused() {
        EventId request = requestPosted(ALICE, "likely/minor");
        RoomEvent reply = f.reply(OVERSIGHT, OLGA, request, "APPROVED");
        // In one batch: she leaves, then her reply arrives; membership is taken at the reply.
        f.apply(f.leave(OLGA), reply);
        assertThat(state()).isEqualTo(CrState.AWAITING_APPROVAL);
        assertThat(evidence()).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("refused:not-joined"));
        f.apply(f.join(OLGA), f.reply(OVERSIGHT, OLGA, request, "APPROVED"));
        assertThat(state()).isEqualTo(CrState.APPROVED);
    }

    @Test
    void aHighRiskChangeNeedsBothApproversFromCrossSignedDevices() {
        EventId request = requestPosted(ALICE, "likely/major");
        f.crossSignAll(OLGA);
        RoomEvent unsigned = f.reply(OVERSIGHT, SAM, request, "APPROVED");
        f.apply(unsigned);
        assertThat(evidence()).last().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("refused:device-not-cross-signed");
            assertThat(e.deviceCrossSigned()).isFalse();
        });
        RoomEvent olga = f.reply(OVERSIGHT, OLGA, request, "APPROVED");
        f.apply(olga);
        assertThat(state()).isEqualTo(CrState.AWAITING_APPROVAL);
        assertThat(replyTo(olga)).contains("Still needed");
        f.crossSignAll(SAM);
        f.apply(f.reply(OVERSIGHT, SAM, request, "APPROVED"));
        assertThat(state()).isEqualTo(CrState.APPROVED);
        assertThat(f.store.identityPins().pinned(SAM)).contains("master-sam");
    }

    @Test
    void editsAndRedactionsOfADecisionAreLoggedAndChangeNothing() {
        EventId request = requestPosted(ALICE, "likely/minor");
        RoomEvent reject = f.reply(OVERSIGHT, OLGA, request, "REJECTED: no rollback plan");
        f.apply(reject);
        f.apply(f.edit(OLGA, reject.eventId(), "APPROVED"), f.redaction(OLGA, reject.eventId()));
        assertThat(state()).isEqualTo(CrState.REJECTED);
        assertThat(evidence()).extracting(DecisionEvidence::outcome)
                .containsExactly("accepted:reject:human_overseer", "decision-edit-ignored", "decision-edit-ignored");
        assertThat(evidence().get(1).text()).contains("APPROVED");
        List<ChangeLogEntry> log = f.store.inTransaction(s -> s.status(CR).log());
        assertThat(log).filteredOn(e -> e.kind() == ChangeLogEntry.Kind.DECISION_EDIT_IGNORED)
                .hasSize(2);
    }

    @Test
    void reactionsRepliesElsewhereAndTheBotsOwnMessagesAreNotDecisions() {
        EventId request = requestPosted(ALICE, "likely/minor");
        int before = f.outbox().size();
        f.apply(f.reaction(OLGA, request, "👍"), f.reply(OTHER, OLGA, request, "APPROVED"), f.reply(OVERSIGHT, BOT, request, "APPROVED"));
        assertThat(state()).isEqualTo(CrState.AWAITING_APPROVAL);
        assertThat(evidence()).isEmpty();
        assertThat(f.outbox()).hasSize(before);
    }

    @Test
    void aBatchThatDiesBeforeItsCommitLeavesNoTraceAndIsAppliedOnceWhenItComesAgain() {
        EventId request = requestPosted(ALICE, "likely/minor");
        RoomEvent approve = f.reply(OVERSIGHT, OLGA, request, "APPROVED");
        try {
            f.db.inTransactionVoid(c -> {
                f.router.apply(WiringFixture.batch(List.of(approve)), c);
                throw new IllegalStateException("crash before commit");
            });
        } catch (IllegalStateException expected) {
            // the process died here
        }
        f.restart();
        assertThat(state()).isEqualTo(CrState.AWAITING_APPROVAL);
        assertThat(evidence()).isEmpty();
        f.apply(approve);
        assertThat(state()).isEqualTo(CrState.APPROVED);
        assertThat(evidence()).hasSize(1);
        assertThat(f.outbox()).filteredOn(s -> s.key().startsWith("cr-decision-reply:")).hasSize(1);
    }

    @Test
    void chatCommandsAnswerInPlainWords() {
        requestPosted(ALICE, "likely/minor");
        assertThat(f.command(ALICE, "!cr status CR-2026-001")).contains("awaiting_approval");
        assertThat(f.command(ALICE, "!cr list")).contains("CR-2026-001");
        assertThat(f.command(MALLORY, "!cr advance CR-2026-001 deployed")).startsWith("Cannot do that");
        assertThat(f.command(ALICE, "!cr frobnicate")).contains("!help");
        assertThat(f.command(ALICE, "!help")).contains("!cr new");
    }
}
