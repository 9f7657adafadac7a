package org.compliancebot.bot.app;

import java.util.ArrayList;
import java.util.List;
import org.compliancebot.bot.app.wiring.IncidentEvidence;
import org.compliancebot.bot.app.wiring.ServiceWiring;
import org.compliancebot.bot.change.matrix.ChangeModule;
import org.compliancebot.bot.evidence.matrix.EvidenceModule;
import org.compliancebot.bot.incident.matrix.IncidentModule;

/** The feature modules a production bot runs, in start order. */
public final class StandardModules {
    private StandardModules() {}

    public static List<BotModule> all() {
        List<BotModule> modules = new ArrayList<>();
        IncidentModule incidents = new IncidentModule();
        ChangeModule changes = new ChangeModule();
        modules.add(incidents);
        modules.add(changes);
        EvidenceModule evidence = new EvidenceModule();
        modules.add(evidence);
        // Archived incident transcripts become evidence records linked to their incident.
        incidents.withTranscriptEvidence(new IncidentEvidence(evidence));
        // Last: it connects the services of the modules above to the HTTP face and the watchdog.
        modules.add(new ServiceWiring(incidents, changes, evidence));
        return modules;
    }
}
