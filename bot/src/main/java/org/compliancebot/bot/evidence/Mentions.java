package org.compliancebot.bot.evidence;

import java.util.List;

/**
 * The control ids and artefacts a message mentions, normalised: controls as {@code ISO27001-9.4.3},
 * {@code ISO27001-A.5.24}, {@code A.5.24} or {@code EU-AI-Act-Art-14}; commits as lower-case hex; change
 * requests as {@code CR-2025-001}; incidents as {@code incident-2025-10-02-001}.
 */
public record Mentions(List<String> controls, List<String> commits, List<String> changeRequests, List<String> incidents) {
    public Mentions {
        controls = List.copyOf(controls);
        commits = List.copyOf(commits);
        changeRequests = List.copyOf(changeRequests);
        incidents = List.copyOf(incidents);
    }

    public boolean isEmpty() {
        return controls.isEmpty() && commits.isEmpty() && changeRequests.isEmpty() && incidents.isEmpty();
    }

    /** True when the message should become evidence: it names a control or an artefact. */
    public boolean isEvidence() {
        return !isEmpty();
    }
}
