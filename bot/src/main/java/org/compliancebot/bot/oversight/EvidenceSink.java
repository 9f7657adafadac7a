package org.compliancebot.bot.oversight;

/**
 * Where decision evidence goes (the evidence log). The workflow calls it for every decision
 * message it evaluates, before the outcome is announced.
 */
public interface EvidenceSink {
    void record(DecisionEvidence evidence);
}
