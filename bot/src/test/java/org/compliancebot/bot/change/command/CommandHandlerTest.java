package org.compliancebot.bot.change.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancebot.bot.testing.People.*;

import java.time.Duration;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.workflow.Notification;
import org.compliancebot.bot.oversight.ApprovalRequest;
import org.compliancebot.bot.oversight.RenderedMessage;
import org.compliancebot.bot.testing.WorkflowFixture;
import org.compliancebot.bridge.id.UserId;
import org.junit.jupiter.api.Test;

/** Command tests written as conversations: who says what, and what the bot answers. */
class CommandHandlerTest {
    private final WorkflowFixture f = new WorkflowFixture();
    private final CommandHandler bot = new CommandHandler(f.service);

    private String say(UserId who, String text) {
        return bot.handle(who, text).map(RenderedMessage::plain).orElse(null);
    }

    @Test
    void aChangeFromDraftToClosed() {
        assertThat(say(ALICE, "!cr new Add asset_owner field --modules WRAC"))
                .isEqualTo("Created draft DRAFT-1: Add asset_owner field (normal, class normal). Submit it with !cr submit DRAFT-1");
        assertThat(say(ALICE, "!cr submit DRAFT-1")).startsWith("DRAFT-1 is submitted as CR-2026-001.");
        assertThat(say(LEE, "!cr assess CR-2026-001 impact=medium risk=likely/minor \"owner not populated\""))
                .isEqualTo("CR-2026-001 is assessed: impact medium, risk medium. Approval requested (AR-CR-2026-001-1): "
                        + "needs one overseer. The request is posted in the oversight room.");
        ApprovalRequest req = f.notifier.sent(Notification.ApprovalRequested.class).getFirst().request();
        assertThat(f.notifier.sent(Notification.ApprovalRequested.class).getFirst().message().plain())
                .contains("RISK-1: owner not populated");
        f.service.recordDecision(req.id(), f.decision(OLGA, "APPROVED"));
        assertThat(say(ALICE, "!cr advance CR-2026-001 scheduled Saturday")).isEqualTo("CR-2026-001 is now scheduled.");
        assertThat(say(ALICE, "!cr advance CR-2026-001 testing")).isEqualTo("CR-2026-001 is now testing.");
        assertThat(say(LEE, "!cr advance CR-2026-001 deployed"))
                .startsWith("Cannot do that: CR-2026-001 cannot be deployed: gates not satisfied: 4 (Regression tests passed)");
        for (int g = 4; g <= 8; g++) {
            String reply = say(LEE, "!cr gate CR-2026-001 " + g + " done https://ci.example.org/" + g);
            assertThat(reply).startsWith("Gate " + g + " (");
        }
        assertThat(say(LEE, "!cr gate CR-2026-001 3 approved")).contains("satisfied by the approval itself");
        assertThat(say(LEE, "!cr advance CR-2026-001 deployed")).isEqualTo("CR-2026-001 is now deployed.");
        assertThat(say(LEE, "!cr advance CR-2026-001 verified")).contains("cannot be verified yet", "ends at 2026-03-02T15:00:00Z");
        f.advanceTime(Duration.ofHours(6));
        assertThat(say(LEE, "!cr advance CR-2026-001 verified")).isEqualTo("CR-2026-001 is now verified.");
        assertThat(say(ALICE, "!cr advance CR-2026-001 closed")).isEqualTo("CR-2026-001 is now closed (Success).");
        assertThat(say(ALICE, "!cr status CR-2026-001")).contains("State: closed (Success)", "Gates satisfied: 8/8",
                "Approved by @olga:example.org at");
    }

    @Test
    void lowRiskIsAutoApprovedFromChat() {
        say(ALICE, "!cr new Fix typo --type standard");
        say(ALICE, "!cr submit DRAFT-1");
        assertThat(say(CARL, "!cr assess CR-2026-001 impact=low risk=rare/minor"))
                .endsWith("CR-2026-001 is low risk and was approved automatically by the bot.");
    }

    @Test
    void mistakesAndRefusalsAreAnsweredInPlainWords() {
        assertThat(say(ALICE, "good morning")).isNull();
        assertThat(say(ALICE, "!cr advance CR-2026-001 deploy")).contains("unknown state 'deploy'", "valid states:",
                "Send !help");
        assertThat(say(ALICE, "!cr status CR-2026-099")).isEqualTo("Cannot do that: no such change request CR-2026-099");
        assertThat(say(ALICE, "!cr status nonsense")).contains("expected CR-YYYY-NNN");
        say(ALICE, "!cr new Something");
        assertThat(say(ALICE, "!cr advance DRAFT-1 scheduled")).contains("is a draft; submit it first");
        say(ALICE, "!cr submit DRAFT-1");
        assertThat(say(ALICE, "!cr submit DRAFT-1")).contains("already submitted");
        assertThat(say(ALICE, "!cr advance CR-2026-001 testing"))
                .isEqualTo("Cannot do that: CR-2026-001 is submitted and cannot move to testing; allowed next: assessed");
        assertThat(say(MALLORY, "!cr emergency Patch everything"))
                .contains("may not declare an emergency change", "highest authority");
        assertThat(say(ALICE, "!cr assess CR-2026-001 impact=low risk=rare/minor")).contains("may not assess");
    }

    @Test
    void emergencyListAndHelp() {
        assertThat(say(HUGO, "!cr emergency Patch CVE-2026-1234 --why active exploit"))
                .startsWith("Emergency declared. The retrospective change request DRAFT-1 must be submitted by 2026-03-03T09:00:00Z");
        say(ALICE, "!cr new Another change");
        assertThat(say(ALICE, "!cr list")).contains("DRAFT-1  draft  -  Patch CVE-2026-1234", "DRAFT-2  draft  -  Another change");
        assertThat(say(ALICE, "!cr list deployed")).isEqualTo("No change requests match.");
        assertThat(say(ALICE, "!cr status DRAFT-1")).contains("Emergency declared by @hugo:example.org");
        assertThat(say(ALICE, "!help")).contains("!cr new", "!cr assess", "REJECTED: <reason>");
        assertThat(bot.handle(ALICE, "!help").orElseThrow().html()).contains("<code>!cr new").doesNotContain("<reason>");
    }

    @Test
    void replyHtmlEscapesUserText() {
        RenderedMessage m = bot.handle(ALICE, "!cr new <img src=x onerror=alert(1)>").orElseThrow();
        assertThat(m.html()).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(bot.handle(ALICE, "!cr list").orElseThrow().html()).doesNotContain("<img");
        assertThat(bot.handle(ALICE, "!cr status DRAFT-1").orElseThrow().html()).doesNotContain("<img");
        assertThat(f.service.status(f.service.resolve("DRAFT-1").ref()).cr().state()).isEqualTo(CrState.DRAFT);
    }
}
