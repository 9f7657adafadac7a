package org.compliancebot.bot.oversight;

import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.text.Html;
import org.compliancebot.bridge.id.UserId;

/** The bot's replies to decision messages: confirmation, final outcome, refusal and help. */
public final class DecisionReplies {
    private DecisionReplies() {}

    /**
     * The reply after an accepted decision: who decided and, depending on {@code outcome},
     * what is still needed, or that the change is approved or rejected.
     */
    public static RenderedMessage confirmation(CrId crId, RecordedDecision d, RequestOutcome outcome) {
        String who = d.approver() + " " + (d.kind() == DecisionKind.APPROVE ? "approved " : "rejected ") + crId
                + " (" + d.countedAs().label() + ")";
        String text = switch (outcome) {
            case RequestOutcome.Pending p -> who + ". Still needed: " + p.inWords() + ".";
            case RequestOutcome.Approved a -> who + ". " + crId + " is APPROVED.";
            case RequestOutcome.Rejected r -> who + ": " + r.rejection().reason() + ". " + crId + " is REJECTED.";
        };
        return RenderedMessage.text(text);
    }

    /** The reply when a decision did not count. */
    public static RenderedMessage refused(CrId crId, UserId sender, String explanation) {
        return RenderedMessage.text("The decision of " + sender + " on " + crId + " was not counted: " + explanation + ".");
    }

    /** The reply to a message in the request's thread that is not a decision. */
    public static RenderedMessage help(CrId crId, String why) {
        String plain = "That is not a decision on " + crId + " (" + why + ").\n"
                + "To approve, reply APPROVED. To reject, reply REJECTED: <reason>.";
        String html = "<p>That is not a decision on " + Html.escape(crId.toString()) + " (" + Html.escape(why)
                + ").<br>To approve, reply <code>APPROVED</code>. To reject, reply <code>REJECTED: &lt;reason&gt;</code>.</p>";
        return new RenderedMessage(plain, html);
    }

    /** The message when an approval request expired without a decision. */
    public static RenderedMessage expired(CrId crId, long minutes) {
        return RenderedMessage.text("The approval request for " + crId + " expired after " + minutes
                + " minutes without a decision. " + crId + " is back in ASSESSED; request approval again when ready.");
    }

    /** The reminder posted in the request's thread. */
    public static RenderedMessage reminder(CrId crId, String stillNeeded, long minutesPending) {
        return RenderedMessage.text("Reminder: the approval request for " + crId + " has been pending for "
                + minutesPending + " minutes. Still needed: " + stillNeeded + ". Reply APPROVED or REJECTED: <reason>.");
    }
}
