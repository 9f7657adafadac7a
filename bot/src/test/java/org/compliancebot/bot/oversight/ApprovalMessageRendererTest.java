package org.compliancebot.bot.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancebot.bot.testing.People.*;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.compliancebot.bot.change.ChangeDescription;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeType;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.CrKind;
import org.compliancebot.bot.change.DraftId;
import org.compliancebot.bot.change.Gate;
import org.compliancebot.bot.change.GateEvidence;
import org.compliancebot.bot.change.ImpactAssessment;
import org.compliancebot.bot.change.ImpactLevel;
import org.compliancebot.bot.change.Likelihood;
import org.compliancebot.bot.change.Risk;
import org.compliancebot.bot.change.RiskAssessment;
import org.compliancebot.bot.change.RiskImpact;
import org.compliancebot.bot.change.RiskLevel;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.EventId;
import org.junit.jupiter.api.Test;

class ApprovalMessageRendererTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String HOSTILE = "<script>alert('x')</script> & <a href=\"javascript:x\">click</a>";

    private static ChangeRequest cr(String summary, String riskText) {
        return ChangeRequest.draft(new DraftId(1), CrKind.MANUAL, ChangeType.NORMAL, ChangeType.NORMAL.defaultClass(), ALICE,
                new ChangeDescription(summary, "details " + HOSTILE, List.of("WRAC", "<b>core</b>"), List.of(), Set.of()), T0)
                .with(b -> {
                    b.id = CrId.parse("CR-2026-004");
                    b.impact = ImpactAssessment.uniform(ImpactLevel.MEDIUM);
                    b.risks = new RiskAssessment(List.of(Risk.of("RISK-1", riskText, Likelihood.LIKELY, RiskImpact.MAJOR),
                            Risk.of("RISK-2", "API clients break", Likelihood.UNLIKELY, RiskImpact.MINOR)));
                    b.gates.put(Gate.IMPACT_ASSESSMENT, new GateEvidence("assessed " + HOSTILE, List.of(), LEE, T0));
                });
    }

    private static ApprovalRequest req() {
        return ApprovalRequest.open(new ApprovalRequestId("AR-CR-2026-004-1"), CrId.parse("CR-2026-004"), RiskLevel.HIGH,
                ApprovalPolicy.defaults().ruleFor(RiskLevel.HIGH), "", ALICE, T0);
    }

    @Test
    void containsTheTemplateParts() {
        RenderedMessage m = ApprovalMessageRenderer.render(cr("Add asset_owner field", "owner not populated"), req(),
                T0.plusSeconds(3600));
        assertThat(m.plain()).contains("Change Approval Request: CR-2026-004", "Summary: Add asset_owner field",
                "Risk level: High", "RISK-1: owner not populated (likely / major = high)",
                "RISK-2: API clients break (unlikely / minor = low)", "[x] 1 (Impact assessment complete)",
                "[ ] 3 (Approval obtained)", "2 different people: an overseer and a stakeholder",
                "cross-signed", "To approve: reply APPROVED", "To reject: reply REJECTED: <reason>",
                "expires at 2026-03-02T10:00:00Z");
        assertThat(m.html()).contains("<h3>Change Approval Request: CR-2026-004</h3>", "<table>",
                "<code>APPROVED</code>", "<code>REJECTED: &lt;reason&gt;</code>", "<li>");
    }

    @Test
    void escapesHostileUserTextEverywhereInTheHtml() {
        RenderedMessage m = ApprovalMessageRenderer.render(cr(HOSTILE, HOSTILE), req(), null);
        assertThat(m.html()).doesNotContain("<script>", "<a href", "<b>core</b>", "alert('x')");
        assertThat(m.html()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;a href=&quot;javascript:x&quot;&gt;");
        assertThat(m.html()).contains("&lt;b&gt;core&lt;/b&gt;");
        // Only our own tags remain.
        String tags = m.html().replaceAll("[^<]*(<[^>]*>)[^<]*", "$1 ");
        assertThat(tags.split(" ")).allMatch(t -> t.matches("</?(h3|p|br|b|ul|li|table|tr|th|td|code)>"));
        // The plain body carries the text unchanged.
        assertThat(m.plain()).contains(HOSTILE);
    }

    @Test
    void confirmationReplies() {
        CrId id = CrId.parse("CR-2026-004");
        RecordedDecision olga = new RecordedDecision(EventId.of("$1"), OLGA, DeviceId.of("D"), DecisionKind.APPROVE, "",
                Set.of(Role.HUMAN_OVERSEER), Role.HUMAN_OVERSEER, T0);
        assertThat(DecisionReplies.confirmation(id, olga, new RequestOutcome.Pending(List.of(Role.STAKEHOLDER),
                "a stakeholder approval")).plain())
                .isEqualTo("@olga:example.org approved CR-2026-004 (overseer). Still needed: a stakeholder approval.");
        assertThat(DecisionReplies.confirmation(id, olga, new RequestOutcome.Approved(List.of(olga))).plain())
                .isEqualTo("@olga:example.org approved CR-2026-004 (overseer). CR-2026-004 is APPROVED.");
        RecordedDecision sam = new RecordedDecision(EventId.of("$2"), SAM, DeviceId.of("D"), DecisionKind.REJECT,
                "<b>too</b> risky", Set.of(Role.STAKEHOLDER), Role.STAKEHOLDER, T0);
        RenderedMessage rejected = DecisionReplies.confirmation(id, sam, new RequestOutcome.Rejected(sam));
        assertThat(rejected.plain())
                .isEqualTo("@sam:example.org rejected CR-2026-004 (stakeholder): <b>too</b> risky. CR-2026-004 is REJECTED.");
        assertThat(rejected.html()).contains("&lt;b&gt;too&lt;/b&gt; risky").doesNotContain("<b>too");
    }

    @Test
    void helpReplyExplainsHowToAnswer() {
        RenderedMessage m = DecisionReplies.help(CrId.parse("CR-2026-004"), "the reply does not start with APPROVED");
        assertThat(m.plain()).contains("not a decision on CR-2026-004", "reply APPROVED", "REJECTED: <reason>");
        assertThat(m.html()).contains("<code>REJECTED: &lt;reason&gt;</code>");
    }
}
