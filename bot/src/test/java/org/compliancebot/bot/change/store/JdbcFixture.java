package org.compliancebot.bot.change.store;

import static org.compliancebot.bot.testing.People.ALICE;
import static org.compliancebot.bot.testing.People.LEE;
import static org.compliancebot.bot.testing.People.OLGA;

import java.time.Duration;
import java.util.List;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.Gate;
import org.compliancebot.bot.change.ImpactAssessment;
import org.compliancebot.bot.change.ImpactLevel;
import org.compliancebot.bot.change.RiskLevel;
import org.compliancebot.bot.change.workflow.ApprovalStart;
import org.compliancebot.bot.change.workflow.AssessmentInput;
import org.compliancebot.bot.change.workflow.ChangeRequestService;
import org.compliancebot.bot.change.workflow.DecisionFacts;
import org.compliancebot.bot.change.workflow.NewChange;
import org.compliancebot.bot.change.workflow.TimerPolicy;
import org.compliancebot.bot.change.workflow.WorkflowPolicy;
import org.compliancebot.bot.oversight.ApprovalPolicy;
import org.compliancebot.bot.testing.MutableClock;
import org.compliancebot.bot.testing.People;
import org.compliancebot.bot.testing.WorkflowFixture;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.testkit.db.TestDatabase;

/** The change workflow on a test database in fake time; {@link #restart()} reopens it as a new process would. */
public final class JdbcFixture implements AutoCloseable {
    public final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final TestDatabase database;
    public Database db;
    public ChangeStore store;
    private int events;

    public JdbcFixture(TestDatabase database) {
        this.database = database;
        open();
    }

    private void open() {
        db = Database.open(database.url(), database.user(), database.password());
        store = new ChangeStore(db, clock, People.BOT, People.directory(), ApprovalPolicy.defaults(),
                WorkflowPolicy.defaults(), TimerPolicy.defaults());
    }

    /** Closes the database and opens it again with a new store and service. */
    public void restart() {
        db.close();
        open();
    }

    public ChangeRequestService s() {
        return store.service();
    }

    public <T> T tx(ChangeStore.Work<T> work) {
        return store.inTransaction(work);
    }

    public ChangeRequest submitted(String summary) {
        return tx(s -> s.submit(s.create(ALICE, NewChange.normal(summary)).ref(), ALICE));
    }

    public ChangeRequest assessed(RiskLevel level) {
        ChangeRequest cr = submitted("Add asset_owner to assets");
        return tx(s -> s.assess(cr.id(), AssessmentInput.of(ImpactAssessment.uniform(ImpactLevel.MEDIUM),
                WorkflowFixture.riskOf(level)), LEE));
    }

    public ApprovalStart.Requested requested(RiskLevel level) {
        ChangeRequest cr = assessed(level);
        return (ApprovalStart.Requested) tx(s -> s.requestApproval(cr.id(), ALICE));
    }

    public ChangeRequest approved() {
        ApprovalStart.Requested start = requested(RiskLevel.MEDIUM);
        tx(s -> s.recordDecision(start.request().id(), decision(OLGA, "APPROVED")));
        return state(start.cr().id());
    }

    public ChangeRequest state(CrId id) {
        return tx(s -> s.status(id).cr());
    }

    public void satisfyAllGates(CrId id) {
        for (Gate g : Gate.values()) {
            if (g != Gate.APPROVAL && !state(id).gates().containsKey(g)) {
                tx(s -> s.satisfyGate(id, g, "evidence for gate " + g.number(), List.of(), LEE));
            }
        }
    }

    public ChangeRequest advance(CrId id, CrState to, UserId actor, String reason) {
        return tx(s -> s.advance(id, to, actor, reason));
    }

    public DecisionFacts decision(UserId sender, String body) {
        return new DecisionFacts(WorkflowFixture.OVERSIGHT_ROOM, EventId.of("$jdbc" + (++events)), sender,
                DeviceId.of("DEV" + sender.localpart()), true, true, "master-" + sender.localpart(), body, null, clock.instant());
    }

    public void advanceTime(Duration d) {
        clock.advance(d);
    }

    @Override
    public void close() {
        db.close();
    }
}
