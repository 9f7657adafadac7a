package org.compliancebot.bot.change;

import java.time.Duration;

/**
 * The impact assessment matrix: each row of facts gives LOW, MEDIUM or HIGH.
 *
 * <pre>
 * Modules affected     1 module        | 2-3 modules        | 4+ modules or a core module
 * Breaking changes     none            | compatible changes | breaking API/schema changes
 * Tenant impact        config only     | UI/UX changes      | data migration required
 * Downtime             none            | under 5 minutes    | 5 minutes or more
 * Rollback complexity  instant revert  | code rollback      | schema + data rollback
 * </pre>
 *
 * The rows map onto the four dimensions: technical = modules and breaking changes, tenant = tenant
 * impact and downtime, operational = rollback complexity. Compliance impact has no row of facts; its
 * level is stated by the assessor.
 */
public final class ImpactMatrix {
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private ImpactMatrix() {}

    public static ImpactLevel modules(int count, boolean core) {
        if (core || count >= 4) {
            return ImpactLevel.HIGH;
        }
        return count >= 2 ? ImpactLevel.MEDIUM : ImpactLevel.LOW;
    }

    public static ImpactLevel breaking(ImpactFactors.BreakingChange b) {
        return switch (b) {
            case NONE -> ImpactLevel.LOW;
            case COMPATIBLE -> ImpactLevel.MEDIUM;
            case BREAKING -> ImpactLevel.HIGH;
        };
    }

    public static ImpactLevel tenant(ImpactFactors.TenantChange t) {
        return switch (t) {
            case CONFIG_ONLY -> ImpactLevel.LOW;
            case UI_UX -> ImpactLevel.MEDIUM;
            case DATA_MIGRATION -> ImpactLevel.HIGH;
        };
    }

    public static ImpactLevel downtime(Duration d) {
        if (d.isZero()) {
            return ImpactLevel.LOW;
        }
        return d.compareTo(FIVE_MINUTES) < 0 ? ImpactLevel.MEDIUM : ImpactLevel.HIGH;
    }

    public static ImpactLevel rollback(ImpactFactors.RollbackComplexity r) {
        return switch (r) {
            case INSTANT -> ImpactLevel.LOW;
            case CODE -> ImpactLevel.MEDIUM;
            case SCHEMA_AND_DATA -> ImpactLevel.HIGH;
        };
    }

    /** Builds an assessment from the facts, with the compliance level as stated by the assessor. */
    public static ImpactAssessment assess(ImpactFactors f, DimensionImpact compliance) {
        ImpactLevel technical = modules(f.modulesAffected(), f.coreModule()).max(breaking(f.breakingChange()));
        ImpactLevel tenant = tenant(f.tenantChange()).max(downtime(f.downtime()));
        ImpactLevel operational = rollback(f.rollbackComplexity());
        return new ImpactAssessment(
                new DimensionImpact(technical, f.modulesAffected() + " module(s), breaking changes: "
                        + f.breakingChange().name().toLowerCase(java.util.Locale.ROOT)),
                new DimensionImpact(tenant, "tenant change: " + f.tenantChange().name().toLowerCase(java.util.Locale.ROOT)
                        + ", downtime: " + f.downtime().toMinutes() + " min"),
                compliance,
                new DimensionImpact(operational, "rollback: "
                        + f.rollbackComplexity().name().toLowerCase(java.util.Locale.ROOT)),
                f);
    }
}
