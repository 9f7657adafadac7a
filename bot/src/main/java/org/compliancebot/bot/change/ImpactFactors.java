package org.compliancebot.bot.change;

import java.time.Duration;
import java.util.Objects;

/**
 * The measurable facts of the impact assessment matrix: how many modules (and whether a core one),
 * breaking changes, tenant impact, downtime and rollback complexity. {@link ImpactMatrix} turns them
 * into dimension levels.
 */
public record ImpactFactors(
        int modulesAffected,
        boolean coreModule,
        BreakingChange breakingChange,
        TenantChange tenantChange,
        Duration downtime,
        RollbackComplexity rollbackComplexity) {

    public ImpactFactors {
        if (modulesAffected < 0) {
            throw new IllegalArgumentException("modules affected must not be negative");
        }
        Objects.requireNonNull(breakingChange, "breaking change");
        Objects.requireNonNull(tenantChange, "tenant change");
        Objects.requireNonNull(downtime, "downtime");
        Objects.requireNonNull(rollbackComplexity, "rollback complexity");
        if (downtime.isNegative()) {
            throw new IllegalArgumentException("downtime must not be negative");
        }
    }

    /** Whether interfaces change, and whether compatibly. */
    public enum BreakingChange { NONE, COMPATIBLE, BREAKING }

    /** What tenants notice: configuration only, UI or UX changes, or a data migration. */
    public enum TenantChange { CONFIG_ONLY, UI_UX, DATA_MIGRATION }

    /** How hard it is to undo: instant revert, code rollback, or schema and data rollback. */
    public enum RollbackComplexity { INSTANT, CODE, SCHEMA_AND_DATA }
}
