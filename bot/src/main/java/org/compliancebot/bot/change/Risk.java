package org.compliancebot.bot.change;

import java.util.Objects;

/**
 * One identified risk of a change. Its level comes from the {@link RiskMatrix}, never from input.
 *
 * @param id e.g. {@code RISK-1}; unique within its change request
 */
public record Risk(
        String id,
        String description,
        String category,
        Likelihood likelihood,
        RiskImpact impact,
        RiskTreatment treatment,
        String mitigation) {

    public Risk {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(likelihood, "likelihood");
        Objects.requireNonNull(impact, "impact");
        category = category == null ? "" : category;
        treatment = treatment == null ? RiskTreatment.ACCEPT : treatment;
        mitigation = mitigation == null ? "" : mitigation;
    }

    /** A risk with only its description and analysis; treatment accept, no mitigation. */
    public static Risk of(String id, String description, Likelihood likelihood, RiskImpact impact) {
        return new Risk(id, description, "", likelihood, impact, RiskTreatment.ACCEPT, "");
    }

    public RiskLevel level() {
        return RiskMatrix.level(likelihood, impact);
    }
}
