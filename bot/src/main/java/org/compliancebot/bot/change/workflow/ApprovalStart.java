package org.compliancebot.bot.change.workflow;

import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.oversight.ApprovalRequest;
import org.compliancebot.bot.oversight.RenderedMessage;

/** What {@code requestApproval} did: approved a low-risk change itself, or opened an approval request. */
public sealed interface ApprovalStart {
    ChangeRequest cr();

    /** The bot approved the change automatically (low risk, no guardrail against it). */
    record AutoApproved(ChangeRequest cr) implements ApprovalStart {}

    /** An approval request was opened; {@code message} is what to post in the oversight room. */
    record Requested(ChangeRequest cr, ApprovalRequest request, RenderedMessage message) implements ApprovalStart {}
}
