package org.compliancebot.bot.change.workflow;

import java.util.Objects;
import org.compliancebot.bot.change.ImpactAssessment;
import org.compliancebot.bot.change.RegressionAnalysis;
import org.compliancebot.bot.change.RiskAssessment;
import org.compliancebot.bot.change.RollbackPlan;

/**
 * An assessment: impact and risks are required; regression analysis and rollback plan may be given
 * now or later with {@code updatePlans} (null leaves what the request already has).
 */
public record AssessmentInput(ImpactAssessment impact, RiskAssessment risks, RegressionAnalysis regression,
        RollbackPlan rollbackPlan) {
    public AssessmentInput {
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(risks, "risks");
    }

    public static AssessmentInput of(ImpactAssessment impact, RiskAssessment risks) {
        return new AssessmentInput(impact, risks, null, null);
    }
}
