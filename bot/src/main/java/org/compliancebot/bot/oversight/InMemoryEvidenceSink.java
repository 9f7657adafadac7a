package org.compliancebot.bot.oversight;

import java.util.ArrayList;
import java.util.List;

/** An {@link EvidenceSink} that keeps records in memory, for tests and the demo. */
public final class InMemoryEvidenceSink implements EvidenceSink {
    private final List<DecisionEvidence> records = new ArrayList<>();

    @Override
    public synchronized void record(DecisionEvidence evidence) {
        records.add(evidence);
    }

    public synchronized List<DecisionEvidence> records() {
        return List.copyOf(records);
    }
}
