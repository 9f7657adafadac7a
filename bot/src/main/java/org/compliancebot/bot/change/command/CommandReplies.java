package org.compliancebot.bot.change.command;

import static org.compliancebot.bot.text.Html.escape;

import java.util.ArrayList;
import java.util.List;
import org.compliancebot.bot.change.Capa;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.Gate;
import org.compliancebot.bot.change.workflow.CrStatus;
import org.compliancebot.bot.oversight.ApprovalEvaluator;
import org.compliancebot.bot.oversight.ApprovalRequest;
import org.compliancebot.bot.oversight.RenderedMessage;
import org.compliancebot.bot.text.Html;
import org.compliancebot.bot.oversight.RequestOutcome;

/** Texts of command replies: help, status and list. */
final class CommandReplies {
    private CommandReplies() {}

    static final String USAGE = """
            !cr new <summary> [--type standard|normal] [--class standard|normal|significant|emergency] [--governance] [--modules a,b]
            !cr submit DRAFT-n
            !cr assess CR-YYYY-NNN impact=<low|medium|high> risk=<likelihood>/<impact> ["description"] ...
               (or technical=, tenant=, compliance=, operational= instead of impact=)
               likelihood: rare, unlikely, possible, likely, almost-certain
               impact: negligible, minor, moderate, major, catastrophic
            !cr request CR-YYYY-NNN   (request approval again)
            !cr status CR-YYYY-NNN|DRAFT-n
            !cr list [<state>|all]
            !cr advance CR-YYYY-NNN <state> [reason]
            !cr gate CR-YYYY-NNN <1-8> <evidence>
            !cr emergency <summary> [--why <justification>]
            To decide on an approval request, reply to it: APPROVED, or REJECTED: <reason>""";
    static final String HELP_PLAIN = "Change request commands:\n" + USAGE;

    static RenderedMessage help() {
        StringBuilder html = new StringBuilder("<h3>Change request commands</h3><ul>");
        USAGE.lines().forEach(l -> html.append("<li><code>").append(escape(l.strip())).append("</code></li>"));
        html.append("</ul>");
        return new RenderedMessage(HELP_PLAIN, html.toString());
    }

    static RenderedMessage status(CrStatus s) {
        ChangeRequest cr = s.cr();
        List<String> facts = new ArrayList<>();
        facts.add("State: " + cr.state().key() + (cr.outcome() != null ? " (" + cr.outcome().label() + ")" : "")
                + " since " + cr.stateSince());
        facts.add("Type " + cr.type().key() + ", class " + cr.changeClass().key() + " (observation window "
                + cr.changeClass().observationWindow().toHours() + " h), requested by " + cr.requester());
        if (cr.id() != null) {
            facts.add("Draft reference: " + cr.ref());
        }
        if (cr.impact() != null) {
            facts.add("Impact: " + cr.impact().overall().key() + "; risk: " + cr.riskLevel().orElseThrow().key());
        }
        if (cr.approval() != null) {
            facts.add("Approved " + (cr.approval().byBot() ? "automatically by the bot" : "by " + String.join(", ", cr.approval().approvers().stream().map(Object::toString).toList()))
                    + " at " + cr.approval().at());
        }
        cr.observationEndsAt().ifPresent(e -> facts.add("Deployed " + cr.deployedAt() + "; observation window ends " + e));
        if (cr.isEmergency()) {
            facts.add("Emergency declared by " + cr.emergency().declaredBy() + " at " + cr.emergency().declaredAt()
                    + "; retrospective due by " + cr.emergency().retrospectiveDueAt());
        }
        List<Gate> missing = cr.unsatisfiedGates();
        facts.add("Gates satisfied: " + (8 - missing.size()) + "/8"
                + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing.stream().map(Gate::describe).toList())));
        s.pendingApproval().ifPresent(r -> {
            String needed = ApprovalEvaluator.outcome(r) instanceof RequestOutcome.Pending pend ? pend.inWords() : "nothing";
            facts.add("Awaiting approval " + r.id() + " since " + r.createdAt() + "; still needed: " + needed);
        });
        for (Capa c : s.capas()) {
            facts.add("Corrective action " + c.id() + " (" + c.status().key() + "): " + c.reason());
        }
        String title = cr.displayId() + ": " + cr.description().summary();
        String plain = title + "\n" + String.join("\n", facts);
        String html = "<h3>" + escape(title) + "</h3><p>"
                + String.join("<br>", facts.stream().map(Html::escape).toList()) + "</p>";
        return new RenderedMessage(plain, html);
    }

    static RenderedMessage list(List<ChangeRequest> crs) {
        if (crs.isEmpty()) {
            return RenderedMessage.text("No change requests match.");
        }
        StringBuilder p = new StringBuilder();
        StringBuilder h = new StringBuilder("<table><tr><th>ID</th><th>State</th><th>Risk</th><th>Summary</th></tr>");
        for (ChangeRequest cr : crs) {
            String risk = cr.riskLevel().map(r -> r.key()).orElse("-");
            p.append(cr.displayId()).append("  ").append(cr.state().key()).append("  ").append(risk).append("  ")
                    .append(cr.description().summary()).append('\n');
            h.append("<tr><td>").append(escape(cr.displayId())).append("</td><td>").append(escape(cr.state().key()))
                    .append("</td><td>").append(escape(risk)).append("</td><td>").append(escape(cr.description().summary()))
                    .append("</td></tr>");
        }
        h.append("</table>");
        return new RenderedMessage(p.toString().stripTrailing(), h.toString());
    }
}
