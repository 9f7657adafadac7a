package org.compliancebot.bot.change;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The risks of a change. The overall level is the highest level of any risk. */
public record RiskAssessment(List<Risk> risks) {
    public RiskAssessment {
        risks = List.copyOf(risks);
        if (risks.isEmpty()) {
            throw new IllegalArgumentException("a risk assessment names at least one risk");
        }
        Set<String> ids = new HashSet<>();
        for (Risk r : risks) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("duplicate risk id " + r.id());
            }
        }
    }

    public RiskLevel overall() {
        return risks.stream().map(Risk::level).reduce(RiskLevel.LOW, RiskLevel::max);
    }
}
