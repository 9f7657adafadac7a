package org.compliancebot.bot.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.compliancebot.bot.change.CrState.*;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CrTransitionsTest {
    /** The lifecycle diagram, written out independently of the production table. */
    private static final Set<String> EDGES = Set.of(
            "DRAFT>SUBMITTED", "SUBMITTED>ASSESSED",
            "ASSESSED>AWAITING_APPROVAL", "ASSESSED>APPROVED",
            "AWAITING_APPROVAL>APPROVED", "AWAITING_APPROVAL>REJECTED", "AWAITING_APPROVAL>ASSESSED",
            "APPROVED>SCHEDULED", "SCHEDULED>TESTING", "TESTING>DEPLOYED", "DEPLOYED>VERIFIED", "VERIFIED>CLOSED",
            "REJECTED>CLOSED",
            "TESTING>TESTING_FAILED", "TESTING_FAILED>REVISE", "REVISE>TESTING",
            "DEPLOYED>DEPLOY_FAILED", "DEPLOY_FAILED>ROLLBACK", "ROLLBACK>CLOSED");

    @Test
    void everyPairIsAllowedExactlyWhenTheDiagramHasTheEdge() {
        int allowed = 0;
        for (CrState from : CrState.values()) {
            for (CrState to : CrState.values()) {
                boolean expected = EDGES.contains(from + ">" + to);
                assertThat(CrTransitions.allowed(from, to)).as(from + " -> " + to).isEqualTo(expected);
                if (expected) {
                    allowed++;
                    assertThatNoException().isThrownBy(() -> CrTransitions.check("CR-2026-001", from, to));
                } else {
                    assertThatThrownBy(() -> CrTransitions.check("CR-2026-001", from, to))
                            .isInstanceOf(ChangeRequestException.IllegalTransition.class)
                            .hasMessageContaining("CR-2026-001 is " + from.key())
                            .hasMessageContaining("cannot move to " + to.key())
                            .hasMessageContaining("allowed next: " + CrTransitions.describe(CrTransitions.next(from)));
                }
            }
        }
        assertThat(allowed).isEqualTo(EDGES.size());
    }

    @Test
    void errorNamesTheAllowedNextStates() {
        assertThatThrownBy(() -> CrTransitions.check("CR-2026-001", TESTING, VERIFIED))
                .hasMessage("CR-2026-001 is testing and cannot move to verified; allowed next: testing_failed, deployed");
        assertThatThrownBy(() -> CrTransitions.check("CR-2026-001", CLOSED, DRAFT))
                .hasMessageContaining("allowed next: none (final state)");
    }

    @Test
    void closedOutcomeFollowsTheStateClosedFrom() {
        assertThat(CrTransitions.outcomeOfClosingFrom(VERIFIED)).contains(ClosedOutcome.SUCCESS);
        assertThat(CrTransitions.outcomeOfClosingFrom(REJECTED)).contains(ClosedOutcome.REJECTED);
        assertThat(CrTransitions.outcomeOfClosingFrom(ROLLBACK)).contains(ClosedOutcome.ROLLED_BACK);
        assertThat(CrTransitions.outcomeOfClosingFrom(DEPLOYED)).isEmpty();
    }

    @Test
    void stateNamesParseLeniently() {
        assertThat(CrState.parse("testing-failed")).contains(TESTING_FAILED);
        assertThat(CrState.parse("Deploy Failed")).contains(DEPLOY_FAILED);
        assertThat(CrState.parse("deploy")).isEmpty();
    }
}
