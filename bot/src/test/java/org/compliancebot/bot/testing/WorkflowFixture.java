package org.compliancebot.bot.testing;

import static org.compliancebot.bot.testing.People.*;

import java.time.Duration;
import java.util.List;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.Gate;
import org.compliancebot.bot.change.ImpactAssessment;
import org.compliancebot.bot.change.ImpactLevel;
import org.compliancebot.bot.change.Likelihood;
import org.compliancebot.bot.change.Risk;
import org.compliancebot.bot.change.RiskAssessment;
import org.compliancebot.bot.change.RiskImpact;
import org.compliancebot.bot.change.workflow.AssessmentInput;
import org.compliancebot.bot.change.workflow.ChangeRequestService;
import org.compliancebot.bot.change.workflow.DecisionFacts;
import org.compliancebot.bot.change.workflow.NewChange;
import org.compliancebot.bot.change.workflow.RecordingNotifier;
import org.compliancebot.bot.change.workflow.WorkflowEnvironment;
import org.compliancebot.bot.oversight.InMemoryEvidenceSink;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/** A workflow on in-memory storage in fake time, with helpers to walk a change through it. */
public final class WorkflowFixture {
    public static final RoomId OVERSIGHT_ROOM = RoomId.of("!oversight:example.org");

    public final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    public final RecordingNotifier notifier = new RecordingNotifier();
    public final WorkflowEnvironment env = WorkflowEnvironment.inMemory(clock, BOT, People.directory(), notifier);
    public final ChangeRequestService service = new ChangeRequestService(env);
    private int events;

    public InMemoryEvidenceSink evidence() {
        return (InMemoryEvidenceSink) env.evidence();
    }

    /** A service on the same storage, as after a restart. */
    public ChangeRequestService restarted() {
        return new ChangeRequestService(env);
    }

    public static RiskAssessment risk(Likelihood l, RiskImpact i) {
        return new RiskAssessment(List.of(Risk.of("RISK-1", "the main risk", l, i)));
    }

    /** Risks giving each overall level. */
    public static RiskAssessment riskOf(org.compliancebot.bot.change.RiskLevel level) {
        return switch (level) {
            case LOW -> risk(Likelihood.RARE, RiskImpact.MINOR);
            case MEDIUM -> risk(Likelihood.LIKELY, RiskImpact.MINOR);
            case HIGH -> risk(Likelihood.LIKELY, RiskImpact.MAJOR);
            case CRITICAL -> risk(Likelihood.ALMOST_CERTAIN, RiskImpact.CATASTROPHIC);
        };
    }

    public ChangeRequest submitted(String summary) {
        ChangeRequest draft = service.create(ALICE, NewChange.normal(summary));
        return service.submit(draft.ref(), ALICE);
    }

    public ChangeRequest assessed(org.compliancebot.bot.change.RiskLevel level) {
        ChangeRequest cr = submitted("Add asset_owner to assets");
        return service.assess(cr.id(), AssessmentInput.of(ImpactAssessment.uniform(ImpactLevel.MEDIUM), riskOf(level)), LEE);
    }

    /** A medium-risk change approved by Olga. */
    public ChangeRequest approved() {
        ChangeRequest cr = assessed(org.compliancebot.bot.change.RiskLevel.MEDIUM);
        var start = (org.compliancebot.bot.change.workflow.ApprovalStart.Requested) service.requestApproval(cr.id(), ALICE);
        service.recordDecision(start.request().id(), decision(OLGA, "APPROVED"));
        return service.status(cr.id()).cr();
    }

    public void satisfyAllGates(CrId id) {
        for (Gate g : Gate.values()) {
            if (g != Gate.APPROVAL && !service.status(id).cr().gates().containsKey(g)) {
                service.satisfyGate(id, g, "evidence for gate " + g.number(), List.of(), LEE);
            }
        }
    }

    public ChangeRequest deployed() {
        ChangeRequest cr = approved();
        service.advance(cr.id(), CrState.SCHEDULED, ALICE, "next window");
        service.advance(cr.id(), CrState.TESTING, ALICE, "");
        satisfyAllGates(cr.id());
        return service.advance(cr.id(), CrState.DEPLOYED, LEE, "deployed");
    }

    /** A decision reply from a joined member on a cross-signed device with a stable identity. */
    public DecisionFacts decision(UserId sender, String body) {
        return facts(sender, body, true, true, "master-" + sender.localpart());
    }

    public DecisionFacts facts(UserId sender, String body, boolean joined, boolean crossSigned, String masterKey) {
        return new DecisionFacts(OVERSIGHT_ROOM, EventId.of("$ev" + (++events)), sender, DeviceId.of("DEV" + sender.localpart()),
                joined, crossSigned, masterKey, body, null, clock.instant());
    }

    public void advanceTime(Duration d) {
        clock.advance(d);
    }
}
