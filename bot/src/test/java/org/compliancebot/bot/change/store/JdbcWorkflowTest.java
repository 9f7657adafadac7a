package org.compliancebot.bot.change.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.compliancebot.bot.change.CrState.*;
import static org.compliancebot.bot.testing.People.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.compliancebot.bot.change.Capa;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeRequestException;
import org.compliancebot.bot.change.ClosedOutcome;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.CrTransitions;
import org.compliancebot.bot.change.RiskLevel;
import org.compliancebot.bot.change.workflow.ApprovalStart;
import org.compliancebot.bot.oversight.ApprovalStatus;
import org.compliancebot.testkit.db.OnEachEngine;
import org.compliancebot.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Every legal path through the lifecycle, and every illegal step, on the store (each engine) and across restarts. */
@OnEachEngine
class JdbcWorkflowTest {
    @Parameter
    TestDatabase.Engine engine;
    @TempDir
    Path dir;
    private JdbcFixture f;

    @BeforeEach
    void open() {
        f = new JdbcFixture(TestDatabase.fresh(engine, dir.resolve("change.db")));
    }

    @AfterEach
    void close() {
        f.close();
    }

    private List<CrState> transitions(ChangeRequest cr) {
        return f.tx(s -> s.status(cr.ref())).log().stream()
                .filter(e -> e.kind() == ChangeLogEntry.Kind.TRANSITION).map(ChangeLogEntry::to).toList();
    }

    @Test
    void successPathSurvivesARestartAtEveryStep() {
        ChangeRequest cr = f.approved();
        CrId id = cr.id();
        f.restart();
        f.advance(id, SCHEDULED, ALICE, "next window");
        f.restart();
        f.advance(id, TESTING, ALICE, "");
        f.satisfyAllGates(id);
        f.restart();
        f.advance(id, DEPLOYED, LEE, "deployed");
        f.advanceTime(Duration.ofHours(6));
        f.restart();
        f.advance(id, VERIFIED, LEE, "no errors");
        ChangeRequest closed = f.advance(id, CLOSED, ALICE, "done");
        f.restart();
        ChangeRequest loaded = f.state(id);
        assertThat(loaded).isEqualTo(closed);
        assertThat(loaded.outcome()).isEqualTo(ClosedOutcome.SUCCESS);
        assertThat(loaded.approval().approvers()).containsExactly(OLGA);
        assertThat(transitions(loaded)).containsExactly(SUBMITTED, ASSESSED, AWAITING_APPROVAL, APPROVED, SCHEDULED,
                TESTING, DEPLOYED, VERIFIED, CLOSED);
    }

    @Test
    void rejectedPath() {
        ApprovalStart.Requested start = f.requested(RiskLevel.MEDIUM);
        f.tx(s -> s.recordDecision(start.request().id(), f.decision(OLGA, "REJECTED: no rollback plan")));
        f.restart();
        assertThat(f.state(start.cr().id()).state()).isEqualTo(REJECTED);
        assertThat(f.tx(s -> s.approvalRequest(start.request().id())).status()).isEqualTo(ApprovalStatus.REJECTED);
        ChangeRequest closed = f.advance(start.cr().id(), CLOSED, ALICE, "");
        assertThat(closed.outcome()).isEqualTo(ClosedOutcome.REJECTED);
        assertThat(transitions(closed)).containsExactly(SUBMITTED, ASSESSED, AWAITING_APPROVAL, REJECTED, CLOSED);
    }

    @Test
    void lowRiskIsApprovedByTheBot() {
        ChangeRequest cr = f.assessed(RiskLevel.LOW);
        ApprovalStart started = f.tx(s -> s.requestApproval(cr.id(), ALICE));
        assertThat(started).isInstanceOf(ApprovalStart.AutoApproved.class);
        f.restart();
        ChangeRequest loaded = f.state(cr.id());
        assertThat(loaded.state()).isEqualTo(APPROVED);
        assertThat(loaded.approval().byBot()).isTrue();
        assertThat(transitions(loaded)).containsExactly(SUBMITTED, ASSESSED, APPROVED);
    }

    @Test
    void testingFailedLoopsThroughRevise() {
        CrId id = f.approved().id();
        f.advance(id, SCHEDULED, ALICE, "");
        f.advance(id, TESTING, ALICE, "");
        f.advance(id, TESTING_FAILED, ALICE, "3 regression tests fail");
        f.restart();
        f.advance(id, REVISE, ALICE, "fix the migration");
        f.advance(id, TESTING, ALICE, "retest");
        f.satisfyAllGates(id);
        ChangeRequest deployed = f.advance(id, DEPLOYED, LEE, "");
        assertThat(transitions(deployed)).endsWith(SCHEDULED, TESTING, TESTING_FAILED, REVISE, TESTING, DEPLOYED);
    }

    @Test
    void rollbackOpensACapaThatIsStored() {
        CrId id = f.approved().id();
        f.advance(id, SCHEDULED, ALICE, "");
        f.advance(id, TESTING, ALICE, "");
        f.satisfyAllGates(id);
        f.advance(id, DEPLOYED, LEE, "");
        f.advance(id, DEPLOY_FAILED, ALICE, "error rate 12%");
        f.advance(id, ROLLBACK, LEE, "error rate above threshold");
        f.restart();
        List<Capa> capas = f.store.environment().capas().forChangeRequest(id);
        assertThat(capas).singleElement().satisfies(c -> {
            assertThat(c.id().toString()).isEqualTo("CAPA-2026-001");
            assertThat(c.status()).isEqualTo(Capa.Status.OPEN);
            assertThat(c.reason()).contains("error rate above threshold");
        });
        ChangeRequest closed = f.advance(id, CLOSED, ALICE, "rolled back");
        assertThat(closed.outcome()).isEqualTo(ClosedOutcome.ROLLED_BACK);
        assertThat(transitions(closed)).endsWith(DEPLOYED, DEPLOY_FAILED, ROLLBACK, CLOSED);
        Capa done = f.tx(s -> s.closeCapa(capas.get(0).id(), HUGO, "added a schema rollback test"));
        f.restart();
        assertThat(f.store.environment().capas().byId(done.id()).orElseThrow().status()).isEqualTo(Capa.Status.CLOSED);
        assertThat(f.store.notifications().pending()).anySatisfy(n -> assertThat(n.kind()).isEqualTo("CapaOpened"));
    }

    @Test
    void expiryAndReassessmentGoBackToAssessed() {
        ApprovalStart.Requested first = f.requested(RiskLevel.MEDIUM);
        CrId id = first.cr().id();
        f.advanceTime(Duration.ofMinutes(61));
        f.tx(s -> s.timers().runDue());
        f.restart();
        assertThat(f.state(id).state()).isEqualTo(ASSESSED);
        assertThat(f.tx(s -> s.approvalRequest(first.request().id())).status()).isEqualTo(ApprovalStatus.EXPIRED);
        ApprovalStart.Requested second = (ApprovalStart.Requested) f.tx(s -> s.requestApproval(id, ALICE));
        assertThat(second.request().id().value()).endsWith("-2");
        f.tx(s -> s.assess(id, org.compliancebot.bot.change.workflow.AssessmentInput.of(
                org.compliancebot.bot.change.ImpactAssessment.uniform(org.compliancebot.bot.change.ImpactLevel.LOW),
                org.compliancebot.bot.testing.WorkflowFixture.riskOf(RiskLevel.HIGH)), LEE));
        f.restart();
        assertThat(f.tx(s -> s.approvalRequest(second.request().id())).status()).isEqualTo(ApprovalStatus.SUPERSEDED);
        assertThat(transitions(f.state(id))).containsExactly(SUBMITTED, ASSESSED, AWAITING_APPROVAL, ASSESSED,
                AWAITING_APPROVAL, ASSESSED);
    }

    @Test
    void everyIllegalTransitionIsRefusedAndLeavesTheStoredStateAlone() {
        CrId id = f.approved().id();
        List<CrState> path = List.of(SCHEDULED, TESTING, TESTING_FAILED, REVISE, TESTING, DEPLOYED, DEPLOY_FAILED, ROLLBACK,
                CLOSED);
        for (CrState next : path) {
            CrState current = f.state(id).state();
            for (CrState target : CrState.values()) {
                if (CrTransitions.allowed(current, target)) {
                    continue;
                }
                assertThatThrownBy(() -> f.advance(id, target, HUGO, "try")).as(current + " -> " + target)
                        .isInstanceOf(ChangeRequestException.class);
                assertThat(f.state(id).state()).isEqualTo(current);
            }
            if (next == DEPLOYED) {
                f.satisfyAllGates(id);
            }
            f.advance(id, next, HUGO, "step");
        }
        f.restart();
        assertThat(f.state(id).state()).isEqualTo(CLOSED);
    }

    @Test
    void idsAndCountersContinueAfterARestart() {
        ChangeRequest a = f.submitted("first");
        f.restart();
        ChangeRequest b = f.submitted("second");
        assertThat(a.id().toString()).isEqualTo("CR-2026-001");
        assertThat(b.id().toString()).isEqualTo("CR-2026-002");
        assertThat(b.ref().number()).isEqualTo(2);
        List<ChangeRequest> all = f.tx(s -> s.list(org.compliancebot.bot.change.workflow.CrFilter.all()));
        assertThat(all).extracting(ChangeRequest::id)
                .containsExactly(a.id(), b.id());
    }
}
