package org.compliancebot.bot.app.wiring;

import org.compliancebot.bot.evidence.EvidenceLinks;
import org.compliancebot.bot.evidence.ExportProgress;
import org.compliancebot.bot.evidence.matrix.EvidenceModule;
import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.TranscriptEvidence;
import org.compliancebot.bridge.id.RoomId;

/**
 * An archived incident room's history into the evidence log: the room is read again in the federation
 * format (the server's hashes), decrypted with the bot's crypto store, and each event recorded linked to the
 * incident. Records are keyed by kind and event id, so a retried closure adds nothing.
 */
public final class IncidentEvidence implements TranscriptEvidence {
    private final EvidenceModule evidence;

    public IncidentEvidence(EvidenceModule evidence) {
        this.evidence = evidence;
    }

    @Override
    public int adopt(IncidentId incident, RoomId room) {
        if (evidence.ledger() == null) {
            throw new IllegalStateException("the evidence log has not started yet");
        }
        return evidence.extractor().extract(room, null, null, EvidenceLinks.none().plusIncident(incident.toString()),
                ExportProgress.none()).appended().size();
    }

    @Override
    public String toString() {
        return "IncidentEvidence";
    }
}
