package org.compliancebot.bot.oversight;

/** The two decisions an approver can make. */
public enum DecisionKind {
    APPROVE, REJECT
}
