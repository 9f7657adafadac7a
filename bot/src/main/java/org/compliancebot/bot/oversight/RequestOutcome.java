package org.compliancebot.bot.oversight;

import java.util.List;
import org.compliancebot.bot.roles.Role;

/** Where an approval request stands after its decisions so far. */
public sealed interface RequestOutcome {
    /** More approvals are needed: {@code stillNeeded} roles, said in words by {@code inWords}. */
    record Pending(List<Role> stillNeeded, String inWords) implements RequestOutcome {}

    /** The rule is met; each decision's {@code countedAs} is its final role assignment. */
    record Approved(List<RecordedDecision> approvals) implements RequestOutcome {}

    /** An entitled approver rejected. */
    record Rejected(RecordedDecision rejection) implements RequestOutcome {}
}
