package org.compliancebot.bot.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionParserTest {
    @ParameterizedTest(name = "[{0}] -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "APPROVED                      | approve |",
        "approved                      | approve |",
        "Approved                      | approve |",
        "APPROVED.                     | approve |",
        "APPROVED - looks fine         | approve |",
        "APPROVED: ship it             | approve |",
        "'   APPROVED'                 | approve |",
        "Rejected: too risky           | reject  | too risky",
        "REJECTED: too risky           | reject  | too risky",
        "rejected:no rollback plan     | reject  | no rollback plan",
        "REJECTED : spaced colon       | reject  | spaced colon",
        "approve?                      | none    |",
        "approve                       | none    |",
        "NOT APPROVED                  | none    |",
        "APPROVEDX                     | none    |",
        "APPROVED_                     | none    |",
        "APPROVED1                     | none    |",
        "REJECTED                      | none    |",
        "'REJECTED:'                   | none    |",
        "'REJECTED:    '               | none    |",
        "REJECTED too risky            | none    |",
        "REJECTEDX: nope               | none    |",
        "I think APPROVED              | none    |",
        "''                            | none    |",
        "ok                            | none    |",
    })
    void table(String body, String kind, String reason) {
        Decision d = DecisionParser.parse(body, null);
        switch (kind) {
            case "approve" -> assertThat(d).isInstanceOf(Decision.Approve.class);
            case "reject" -> assertThat(d).isEqualTo(new Decision.Reject(reason));
            default -> assertThat(d).isInstanceOf(Decision.NotADecision.class);
        }
    }

    @Test
    void rejectionWithoutReasonSaysWhatIsMissing() {
        assertThat(((Decision.NotADecision) DecisionParser.parse("REJECTED", null)).why()).contains("REJECTED: <reason>");
        assertThat(((Decision.NotADecision) DecisionParser.parse("REJECTED:  ", null)).why()).contains("reason");
    }

    @Test
    void multiLineReasonKeepsEverythingAfterTheColon() {
        assertThat(DecisionParser.parse("REJECTED: no rollback plan\nplease add one", null))
                .isEqualTo(new Decision.Reject("no rollback plan\nplease add one"));
    }

    @Test
    void stripsThePlainReplyFallback() {
        String body = "> <@bot:example.org> Change Approval Request: CR-2026-004\n> To approve: reply APPROVED\n\nAPPROVED";
        assertThat(DecisionParser.parse(body, null)).isInstanceOf(Decision.Approve.class);
        // The quoted text alone never counts: the quote says APPROVED, the reply does not.
        String quotedOnly = "> APPROVED\n\nwhat is the rollback plan?";
        assertThat(DecisionParser.parse(quotedOnly, null)).isInstanceOf(Decision.NotADecision.class);
        String rejectInReply = "> <@bot:example.org> request\n\nREJECTED: too risky";
        assertThat(DecisionParser.parse(rejectInReply, null)).isEqualTo(new Decision.Reject("too risky"));
    }

    @Test
    void stripsTheHtmlReplyFallback() {
        String html = "<mx-reply><blockquote><a href=\"https://matrix.to/#/!r/$e\">In reply to</a> "
                + "REJECTED: quoted</blockquote></mx-reply>APPROVED";
        String body = "> <@bot:example.org> REJECTED: quoted\n\nAPPROVED";
        assertThat(DecisionParser.parse(body, html)).isInstanceOf(Decision.Approve.class);
    }

    @Test
    void formattedBodyWithMarkupIsRead() {
        assertThat(DecisionParser.parse("REJECTED: a < b", "<p><b>REJECTED</b>: a &lt; b</p>"))
                .isEqualTo(new Decision.Reject("a < b"));
    }

    @Test
    void bodiesThatDisagreeAreNotADecision() {
        // A client could show "REJECTED" while the plain body says "APPROVED"; neither is trusted.
        Decision d = DecisionParser.parse("APPROVED", "<p>REJECTED: no</p>");
        assertThat(d).isInstanceOf(Decision.NotADecision.class);
        assertThat(((Decision.NotADecision) d).why()).contains("different");
        assertThat(DecisionParser.parse("APPROVED", "<p>looks fine</p>")).isInstanceOf(Decision.NotADecision.class);
    }

    @Test
    void htmlToTextDecodesEntitiesOnce() {
        assertThat(DecisionParser.htmlToText("a &amp;lt; b &#65;&#x42;")).isEqualTo("a &lt; b AB");
    }
}
