package org.compliancebot.bot.oversight;

import java.util.Objects;

/** What a reply to an approval request says, as read by {@link DecisionParser}. */
public sealed interface Decision {
    /** The reply starts with {@code APPROVED}. */
    record Approve() implements Decision {}

    /** The reply starts with {@code REJECTED:} and gives a reason. */
    record Reject(String reason) implements Decision {
        public Reject {
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("a rejection needs a reason");
            }
        }
    }

    /** The reply is not a decision; {@code why} says what was expected, for the help reply. */
    record NotADecision(String why) implements Decision {}
}
