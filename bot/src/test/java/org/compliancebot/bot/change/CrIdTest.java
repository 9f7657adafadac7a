package org.compliancebot.bot.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CrIdTest {
    @Test
    void formatsAndParsesBothKinds() {
        assertThat(new CrId(CrKind.MANUAL, 2026, 4)).hasToString("CR-2026-004");
        assertThat(new CrId(CrKind.GENERATED, 2026, 45)).hasToString("AI-CR-2026-045");
        assertThat(new CrId(CrKind.MANUAL, 2026, 1234)).hasToString("CR-2026-1234");
        assertThat(CrId.parse("cr-2026-004")).isEqualTo(new CrId(CrKind.MANUAL, 2026, 4));
        assertThat(CrId.parse("AI-CR-2025-045")).isEqualTo(new CrId(CrKind.GENERATED, 2025, 45));
    }

    @Test
    void refusesOtherShapes() {
        for (String bad : new String[] {"CR-26-004", "CR-2026-04", "XCR-2026-004", "CR-2026-004x", "DRAFT-1"}) {
            assertThatThrownBy(() -> CrId.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CR-YYYY-NNN");
        }
    }

    @Test
    void draftIds() {
        assertThat(DraftId.parse("draft-12")).isEqualTo(new DraftId(12));
        assertThat(new DraftId(3)).hasToString("DRAFT-3");
        assertThat(DraftId.looksLike("CR-2026-001")).isFalse();
    }

    @Test
    void observationWindowsPerClass() {
        assertThat(ChangeClass.STANDARD.observationWindow()).hasHours(1);
        assertThat(ChangeClass.NORMAL.observationWindow()).hasHours(6);
        assertThat(ChangeClass.SIGNIFICANT.observationWindow()).hasHours(24);
        assertThat(ChangeClass.EMERGENCY.observationWindow()).hasHours(72);
        assertThat(ChangeType.STANDARD.defaultClass()).isEqualTo(ChangeClass.STANDARD);
        assertThat(ChangeType.EMERGENCY.defaultClass()).isEqualTo(ChangeClass.EMERGENCY);
    }
}
