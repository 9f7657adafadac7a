package org.compliancebot.bot.change.workflow;

import java.util.Optional;
import org.compliancebot.bot.oversight.Decision;
import org.compliancebot.bot.oversight.RenderedMessage;
import org.compliancebot.bot.oversight.RequestOutcome;
import org.compliancebot.bot.oversight.Verdict;

/**
 * What became of a reply to an approval request, with the reply the bot should post in its thread.
 *
 * @param verdict null when the reply was not a decision
 * @param outcome the request's outcome after this decision; null unless the decision was accepted
 */
public record DecisionResult(Decision parsed, Verdict verdict, RequestOutcome outcome, RenderedMessage reply) {
    public boolean accepted() {
        return verdict instanceof Verdict.Accepted;
    }

    public Optional<RequestOutcome> outcomeIfAccepted() {
        return Optional.ofNullable(outcome);
    }
}
