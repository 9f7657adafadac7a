package org.compliancebot.bot.evidence.verify;

/** One verification step. A check reads the packet through the context and may leave results there for later checks. */
public interface Check {
    /** A short name for the report. */
    String name();

    /**
     * Runs the check.
     *
     * @return one line of what was checked, for the report
     * @throws CheckFailure naming the first broken item
     */
    String run(VerifyContext ctx) throws CheckFailure;
}
