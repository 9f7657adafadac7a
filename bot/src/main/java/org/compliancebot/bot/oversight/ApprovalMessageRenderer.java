package org.compliancebot.bot.oversight;

import static org.compliancebot.bot.text.Html.escape;

import java.time.Instant;
import java.util.List;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.Gate;
import org.compliancebot.bot.change.GateEvidence;
import org.compliancebot.bot.change.Risk;

/**
 * Renders an approval request for the oversight room, after the human oversight approval template:
 * the change, its risk level and risks, the gates, what is asked and of whom, and how to answer.
 */
public final class ApprovalMessageRenderer {
    private ApprovalMessageRenderer() {}

    public static RenderedMessage render(ChangeRequest cr, ApprovalRequest req, Instant expiresAt) {
        return new RenderedMessage(plain(cr, req, expiresAt), html(cr, req, expiresAt));
    }

    private static String plain(ChangeRequest cr, ApprovalRequest req, Instant expiresAt) {
        StringBuilder sb = new StringBuilder();
        sb.append("Change Approval Request: ").append(req.crId()).append('\n');
        sb.append("Summary: ").append(cr.description().summary()).append('\n');
        sb.append("Requested: ").append(req.createdAt()).append(" by ").append(cr.requester()).append('\n');
        sb.append("Type: ").append(cr.type().key()).append(", class: ").append(cr.changeClass().key())
                .append(" (observation window ").append(cr.changeClass().observationWindow().toHours()).append(" h)\n");
        if (!cr.description().details().isBlank()) {
            sb.append("Details: ").append(cr.description().details()).append('\n');
        }
        if (!cr.description().affectedModules().isEmpty()) {
            sb.append("Affected modules: ").append(String.join(", ", cr.description().affectedModules())).append('\n');
        }
        if (cr.impact() != null) {
            sb.append("Impact: ").append(cr.impact().overall().key()).append('\n');
        }
        sb.append("\nRisk level: ").append(req.riskLevel().label()).append('\n');
        for (Risk r : risks(cr)) {
            sb.append("- ").append(r.id()).append(": ").append(r.description()).append(" (")
                    .append(r.likelihood().key()).append(" / ").append(r.impact().key()).append(" = ")
                    .append(r.level().key()).append(")\n");
        }
        sb.append("\nGates:\n");
        for (Gate g : Gate.values()) {
            GateEvidence e = cr.gates().get(g);
            sb.append(e != null ? "[x] " : "[ ] ").append(g.describe());
            if (e != null) {
                sb.append(": ").append(e.text());
            }
            sb.append('\n');
        }
        sb.append("\nAction required: approval by ").append(req.rule().describe()).append(".\n");
        if (!req.guardrail().isEmpty()) {
            sb.append("Not approved automatically: ").append(req.guardrail()).append(".\n");
        }
        sb.append("The requester cannot approve their own change.\n");
        if (req.rule().crossSigningRequired()) {
            sb.append("Decide from a cross-signed (verified) device.\n");
        }
        sb.append("To approve: reply APPROVED\n");
        sb.append("To reject: reply REJECTED: <reason>\n");
        if (expiresAt != null) {
            sb.append("This request expires at ").append(expiresAt).append(".\n");
        }
        return sb.toString().stripTrailing();
    }

    private static String html(ChangeRequest cr, ApprovalRequest req, Instant expiresAt) {
        StringBuilder sb = new StringBuilder();
        sb.append("<h3>Change Approval Request: ").append(escape(req.crId().toString())).append("</h3>");
        sb.append("<p><b>Summary</b>: ").append(escape(cr.description().summary())).append("<br>");
        sb.append("<b>Requested</b>: ").append(escape(req.createdAt().toString())).append(" by <code>")
                .append(escape(cr.requester().toString())).append("</code><br>");
        sb.append("<b>Type</b>: ").append(escape(cr.type().key())).append(", <b>class</b>: ")
                .append(escape(cr.changeClass().key())).append(" (observation window ")
                .append(cr.changeClass().observationWindow().toHours()).append(" h)");
        if (!cr.description().details().isBlank()) {
            sb.append("<br><b>Details</b>: ").append(escape(cr.description().details()));
        }
        if (!cr.description().affectedModules().isEmpty()) {
            sb.append("<br><b>Affected modules</b>: ").append(escape(String.join(", ", cr.description().affectedModules())));
        }
        if (cr.impact() != null) {
            sb.append("<br><b>Impact</b>: ").append(escape(cr.impact().overall().key()));
        }
        sb.append("</p>");
        sb.append("<h3>Risk level: ").append(escape(req.riskLevel().label())).append("</h3>");
        List<Risk> risks = risks(cr);
        if (!risks.isEmpty()) {
            sb.append("<table><tr><th>Risk</th><th>Description</th><th>Likelihood</th><th>Impact</th><th>Level</th></tr>");
            for (Risk r : risks) {
                sb.append("<tr><td>").append(escape(r.id())).append("</td><td>").append(escape(r.description()))
                        .append("</td><td>").append(escape(r.likelihood().key())).append("</td><td>")
                        .append(escape(r.impact().key())).append("</td><td>").append(escape(r.level().key()))
                        .append("</td></tr>");
            }
            sb.append("</table>");
        }
        sb.append("<h3>Gates</h3><ul>");
        for (Gate g : Gate.values()) {
            GateEvidence e = cr.gates().get(g);
            sb.append("<li>").append(e != null ? "✅ " : "⬜ ").append(escape(g.describe()));
            if (e != null) {
                sb.append(": ").append(escape(e.text()));
            }
            sb.append("</li>");
        }
        sb.append("</ul>");
        sb.append("<h3>Action required</h3><p>Approval by <b>").append(escape(req.rule().describe())).append("</b>.");
        if (!req.guardrail().isEmpty()) {
            sb.append(" Not approved automatically: ").append(escape(req.guardrail())).append('.');
        }
        sb.append(" The requester cannot approve their own change.");
        if (req.rule().crossSigningRequired()) {
            sb.append(" Decide from a cross-signed (verified) device.");
        }
        sb.append("</p><ul><li>To approve: reply <code>APPROVED</code></li>")
                .append("<li>To reject: reply <code>REJECTED: &lt;reason&gt;</code></li></ul>");
        if (expiresAt != null) {
            sb.append("<p>This request expires at ").append(escape(expiresAt.toString())).append(".</p>");
        }
        return sb.toString();
    }

    private static List<Risk> risks(ChangeRequest cr) {
        return cr.risks() == null ? List.of() : cr.risks().risks();
    }
}
