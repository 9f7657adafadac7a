package org.compliancebot.bot.change.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.change.ChangeDescription;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeRequestException;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.CrKind;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.DraftId;
import org.compliancebot.bot.change.ImpactAssessment;
import org.compliancebot.bot.change.Risk;
import org.compliancebot.bot.change.RiskAssessment;
import org.compliancebot.bot.change.workflow.ApprovalStart;
import org.compliancebot.bot.change.workflow.AssessmentInput;
import org.compliancebot.bot.change.workflow.ChangeRequestService;
import org.compliancebot.bot.change.workflow.CrFilter;
import org.compliancebot.bot.change.workflow.NewChange;
import org.compliancebot.bot.oversight.RenderedMessage;
import org.compliancebot.bridge.id.UserId;

/**
 * Runs chat commands for a sender (the event's server-set {@code sender}) against the
 * {@link ChangeRequestService} and returns the reply. Refusals and mistakes come back as replies in
 * plain words, never as exceptions.
 */
public final class CommandHandler {
    private final ChangeRequestService service;

    public CommandHandler(ChangeRequestService service) {
        this.service = service;
    }

    /** The reply to {@code text}, or empty if the message is not a command. */
    public Optional<RenderedMessage> handle(UserId sender, String text) {
        return switch (CommandParser.parse(text)) {
            case CommandParser.Result.NotACommand n -> Optional.empty();
            case CommandParser.Result.Invalid inv -> Optional.of(RenderedMessage.text(inv.message() + ". Send !help for the commands."));
            case CommandParser.Result.Parsed p -> Optional.of(run(sender, p.command()));
        };
    }

    private RenderedMessage run(UserId sender, ChatCommand command) {
        try {
            return switch (command) {
                case ChatCommand.Help h -> CommandReplies.help();
                case ChatCommand.New n -> created(service.create(sender, new NewChange(CrKind.MANUAL, n.type(),
                        n.changeClass(), new ChangeDescription(n.summary(), "", n.modules(), List.of(), n.categories()))));
                case ChatCommand.Submit s -> {
                    ChangeRequest cr = service.submit(draftRef(s.ref()), sender);
                    yield RenderedMessage.text(cr.ref() + " is submitted as " + cr.id() + ". Next: !cr assess " + cr.id()
                            + " impact=<level> risk=<likelihood>/<impact>");
                }
                case ChatCommand.Assess a -> assess(sender, a);
                case ChatCommand.RequestApproval r -> approvalStarted(service.requestApproval(crId(r.ref()), sender));
                case ChatCommand.Status s -> CommandReplies.status(statusOf(s.ref()));
                case ChatCommand.ListCrs l -> CommandReplies.list(service.list(l.state() == null
                        ? (l.includeClosed() ? CrFilter.all() : CrFilter.open()) : CrFilter.inState(l.state())));
                case ChatCommand.Advance a -> {
                    ChangeRequest cr = service.advance(crId(a.ref()), a.target(), sender, a.reason());
                    yield RenderedMessage.text(cr.displayId() + " is now " + cr.state().key()
                            + (cr.outcome() != null ? " (" + cr.outcome().label() + ")" : "") + ".");
                }
                case ChatCommand.Gate g -> {
                    org.compliancebot.bot.change.Gate gate = org.compliancebot.bot.change.Gate.byNumber(g.number()).orElseThrow();
                    ChangeRequest cr = service.satisfyGate(crId(g.ref()), gate, g.evidence(), g.links(), sender);
                    yield RenderedMessage.text("Gate " + gate.describe() + " of " + cr.displayId() + " is satisfied. "
                            + (cr.unsatisfiedGates().isEmpty() ? "All eight gates are satisfied."
                                    : "Still missing: " + String.join(", ", cr.unsatisfiedGates().stream()
                                            .map(x -> String.valueOf(x.number())).toList()) + "."));
                }
                case ChatCommand.Emergency e -> {
                    ChangeRequest cr = service.declareEmergency(sender, e.summary(), e.justification());
                    yield RenderedMessage.text("Emergency declared. The retrospective change request " + cr.ref()
                            + " must be submitted by " + cr.emergency().retrospectiveDueAt() + ": !cr submit " + cr.ref());
                }
            };
        } catch (ChangeRequestException | IllegalArgumentException e) {
            return RenderedMessage.text("Cannot do that: " + e.getMessage());
        }
    }

    private RenderedMessage created(ChangeRequest cr) {
        return RenderedMessage.text("Created draft " + cr.ref() + ": " + cr.description().summary() + " ("
                + cr.type().key() + ", class " + cr.changeClass().key() + "). Submit it with !cr submit " + cr.ref());
    }

    private RenderedMessage assess(UserId sender, ChatCommand.Assess a) {
        List<Risk> risks = new ArrayList<>();
        int i = 1;
        for (ChatCommand.RiskSpec r : a.risks()) {
            String description = r.description() != null ? r.description() : "risk " + i;
            risks.add(Risk.of("RISK-" + i++, description, r.likelihood(), r.impact()));
        }
        ImpactAssessment impact = ImpactAssessment.stated(a.impact().get("technical"), a.impact().get("tenant"),
                a.impact().get("compliance"), a.impact().get("operational"));
        CrId id = crId(a.ref());
        ChangeRequest cr = service.assess(id, AssessmentInput.of(impact, new RiskAssessment(risks)), sender);
        String assessed = cr.displayId() + " is assessed: impact " + impact.overall().key() + ", risk "
                + cr.riskLevel().orElseThrow().key() + ". ";
        try {
            return RenderedMessage.text(assessed + approvalStarted(service.requestApproval(id, sender)).plain());
        } catch (ChangeRequestException e) {
            return RenderedMessage.text(assessed + "Approval was not requested: " + e.getMessage());
        }
    }

    private static RenderedMessage approvalStarted(ApprovalStart start) {
        return switch (start) {
            case ApprovalStart.AutoApproved a -> RenderedMessage.text(a.cr().displayId()
                    + " is low risk and was approved automatically by the bot.");
            case ApprovalStart.Requested r -> RenderedMessage.text("Approval requested (" + r.request().id() + "): needs "
                    + r.request().rule().describe() + ". The request is posted in the oversight room.");
        };
    }

    private org.compliancebot.bot.change.workflow.CrStatus statusOf(String ref) {
        ChangeRequest cr = service.resolve(ref);
        return cr.id() != null ? service.status(cr.id()) : service.status(cr.ref());
    }

    private DraftId draftRef(String ref) {
        ChangeRequest cr = service.resolve(ref);
        if (cr.state() != CrState.DRAFT) {
            throw new ChangeRequestException.Invalid(cr.displayId() + " is already submitted (it is " + cr.state().key() + ")");
        }
        return cr.ref();
    }

    private CrId crId(String ref) {
        ChangeRequest cr = service.resolve(ref);
        return cr.crId().orElseThrow(() -> new ChangeRequestException.Invalid(ref + " is a draft; submit it first: !cr submit "
                + ref));
    }

}
