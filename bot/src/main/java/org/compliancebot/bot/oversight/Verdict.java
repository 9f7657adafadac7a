package org.compliancebot.bot.oversight;

/** Whether one decision counts. */
public sealed interface Verdict {
    /** The decision counts, toward {@link RecordedDecision#countedAs()}. */
    record Accepted(RecordedDecision decision) implements Verdict {}

    /** The decision does not count; {@code explanation} is a sentence for the sender. */
    record Refused(RefusalReason reason, String explanation) implements Verdict {}
}
