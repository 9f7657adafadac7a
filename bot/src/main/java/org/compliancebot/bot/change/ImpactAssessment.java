package org.compliancebot.bot.change;

import java.util.Objects;
import java.util.Optional;

/**
 * The impact assessment in its four dimensions. The overall impact is the highest of the four.
 * {@code factors} is present when the levels were derived by {@link ImpactMatrix}, absent when the
 * assessor stated them.
 */
public record ImpactAssessment(
        DimensionImpact technical,
        DimensionImpact tenant,
        DimensionImpact compliance,
        DimensionImpact operational,
        ImpactFactors factors) {

    public ImpactAssessment {
        Objects.requireNonNull(technical, "technical");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(compliance, "compliance");
        Objects.requireNonNull(operational, "operational");
    }

    /** An assessment with stated levels per dimension. */
    public static ImpactAssessment stated(ImpactLevel technical, ImpactLevel tenant, ImpactLevel compliance,
            ImpactLevel operational) {
        return new ImpactAssessment(DimensionImpact.of(technical), DimensionImpact.of(tenant),
                DimensionImpact.of(compliance), DimensionImpact.of(operational), null);
    }

    /** The same stated level in all four dimensions. */
    public static ImpactAssessment uniform(ImpactLevel level) {
        return stated(level, level, level, level);
    }

    public ImpactLevel overall() {
        return technical.level().max(tenant.level()).max(compliance.level()).max(operational.level());
    }

    public Optional<ImpactFactors> factorsIfDerived() {
        return Optional.ofNullable(factors);
    }
}
