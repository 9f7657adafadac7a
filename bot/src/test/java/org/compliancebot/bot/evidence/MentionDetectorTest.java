package org.compliancebot.bot.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionDetectorTest {
    @Test
    void theRunbookExampleNamesTheControlAndTheCommit() {
        Mentions m = MentionDetector.detect("Deployed MFA for admin access per ISO27001-9.4.3 [commit abc123]");
        assertThat(m.controls()).containsExactly("ISO27001-9.4.3");
        assertThat(m.commits()).containsExactly("abc123");
    }

    @Test
    void annexAClausesAndAiActArticles() {
        Mentions m = MentionDetector.detect("Incident handling per A.5.24 and A.5.26, oversight per EU-AI-Act-Art-14, "
                + "deployer duties (Article 26 of the AI Act), ISO 27001:2022 A.8.16 logging; ISO 27001 6.1.3 risk treatment");
        assertThat(m.controls()).containsExactlyInAnyOrder("A.5.24", "A.5.26", "EU-AI-Act-Art-14", "EU-AI-Act-Art-26",
                "ISO27001-A.8.16", "ISO27001-6.1.3");
    }

    @Test
    void artefacts() {
        Mentions m = MentionDetector.detect("CR-2025-001 and ai-cr-2025-0042 relate to incident-2025-10-02-001; "
                + "fix in 9fceb02d0ae598e95dc970b74767f19372d61af8");
        assertThat(m.changeRequests()).containsExactly("CR-2025-001", "AI-CR-2025-0042");
        assertThat(m.incidents()).containsExactly("incident-2025-10-02-001");
        assertThat(m.commits()).containsExactly("9fceb02d0ae598e95dc970b74767f19372d61af8");
    }

    @Test
    void ordinaryTextMentionsNothing() {
        assertThat(MentionDetector.detect("Version 1.2.3 is out, see section A.1 and decade 1990, hex deadbeef").isEmpty()).isTrue();
        assertThat(MentionDetector.detect("The A.4.1 group does not exist; A.19.1 neither").controls()).isEmpty();
    }
}
