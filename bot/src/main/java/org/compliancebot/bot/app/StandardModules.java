package org.compliancebot.bot.app;

import java.util.ArrayList;
import java.util.List;

/** The feature modules a production bot runs, in start order. */
public final class StandardModules {
    private StandardModules() {}

    public static List<BotModule> all() {
        List<BotModule> modules = new ArrayList<>();
        modules.add(new org.compliancebot.bot.incident.matrix.IncidentModule());
        modules.add(new org.compliancebot.bot.change.matrix.ChangeModule());
        modules.add(new org.compliancebot.bot.evidence.matrix.EvidenceModule());
        return modules;
    }
}
