package org.compliancebot.bot.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancebot.bot.change.ImpactLevel.*;

import java.time.Duration;
import org.compliancebot.bot.change.ImpactFactors.BreakingChange;
import org.compliancebot.bot.change.ImpactFactors.RollbackComplexity;
import org.compliancebot.bot.change.ImpactFactors.TenantChange;
import org.junit.jupiter.api.Test;

class ImpactMatrixTest {
    @Test
    void modulesRow() {
        assertThat(ImpactMatrix.modules(1, false)).isEqualTo(LOW);
        assertThat(ImpactMatrix.modules(2, false)).isEqualTo(MEDIUM);
        assertThat(ImpactMatrix.modules(3, false)).isEqualTo(MEDIUM);
        assertThat(ImpactMatrix.modules(4, false)).isEqualTo(HIGH);
        assertThat(ImpactMatrix.modules(1, true)).isEqualTo(HIGH);
    }

    @Test
    void otherRows() {
        assertThat(ImpactMatrix.breaking(BreakingChange.NONE)).isEqualTo(LOW);
        assertThat(ImpactMatrix.breaking(BreakingChange.COMPATIBLE)).isEqualTo(MEDIUM);
        assertThat(ImpactMatrix.breaking(BreakingChange.BREAKING)).isEqualTo(HIGH);
        assertThat(ImpactMatrix.tenant(TenantChange.CONFIG_ONLY)).isEqualTo(LOW);
        assertThat(ImpactMatrix.tenant(TenantChange.UI_UX)).isEqualTo(MEDIUM);
        assertThat(ImpactMatrix.tenant(TenantChange.DATA_MIGRATION)).isEqualTo(HIGH);
        assertThat(ImpactMatrix.downtime(Duration.ZERO)).isEqualTo(LOW);
        assertThat(ImpactMatrix.downtime(Duration.ofMinutes(4).plusSeconds(59))).isEqualTo(MEDIUM);
        assertThat(ImpactMatrix.downtime(Duration.ofMinutes(5))).isEqualTo(HIGH);
        assertThat(ImpactMatrix.rollback(RollbackComplexity.INSTANT)).isEqualTo(LOW);
        assertThat(ImpactMatrix.rollback(RollbackComplexity.CODE)).isEqualTo(MEDIUM);
        assertThat(ImpactMatrix.rollback(RollbackComplexity.SCHEMA_AND_DATA)).isEqualTo(HIGH);
    }

    @Test
    void dimensionsAndOverallFromFactors() {
        ImpactFactors f = new ImpactFactors(2, false, BreakingChange.NONE, TenantChange.CONFIG_ONLY, Duration.ZERO,
                RollbackComplexity.INSTANT);
        ImpactAssessment a = ImpactMatrix.assess(f, DimensionImpact.of(LOW));
        assertThat(a.technical().level()).isEqualTo(MEDIUM);
        assertThat(a.tenant().level()).isEqualTo(LOW);
        assertThat(a.operational().level()).isEqualTo(LOW);
        assertThat(a.overall()).isEqualTo(MEDIUM);
        assertThat(a.factorsIfDerived()).contains(f);

        ImpactAssessment migration = ImpactMatrix.assess(new ImpactFactors(1, false, BreakingChange.NONE,
                TenantChange.DATA_MIGRATION, Duration.ZERO, RollbackComplexity.INSTANT), DimensionImpact.of(LOW));
        assertThat(migration.tenant().level()).isEqualTo(HIGH);
        assertThat(migration.overall()).isEqualTo(HIGH);
    }

    @Test
    void complianceAloneCanRaiseTheOverallImpact() {
        assertThat(ImpactAssessment.stated(LOW, LOW, HIGH, LOW).overall()).isEqualTo(HIGH);
        assertThat(ImpactAssessment.stated(LOW, MEDIUM, LOW, LOW).overall()).isEqualTo(MEDIUM);
        assertThat(ImpactAssessment.uniform(LOW).overall()).isEqualTo(LOW);
    }
}
