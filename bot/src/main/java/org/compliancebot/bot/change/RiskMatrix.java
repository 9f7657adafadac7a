package org.compliancebot.bot.change;

import static org.compliancebot.bot.change.RiskLevel.CRITICAL;
import static org.compliancebot.bot.change.RiskLevel.HIGH;
import static org.compliancebot.bot.change.RiskLevel.LOW;
import static org.compliancebot.bot.change.RiskLevel.MEDIUM;

/**
 * The 5×5 risk matrix (ISO 31000 aligned): likelihood × impact gives the risk level.
 *
 * <pre>
 *                  Negligible  Minor   Moderate  Major     Catastrophic
 * Almost certain   Medium      High    High      Critical  Critical
 * Likely           Low         Medium  High      High      Critical
 * Possible         Low         Low     Medium    High      High
 * Unlikely         Low         Low     Medium    Medium    High
 * Rare             Low         Low     Low       Medium    Medium
 * </pre>
 */
public final class RiskMatrix {
    // Rows in Likelihood order (RARE first), columns in RiskImpact order (NEGLIGIBLE first).
    private static final RiskLevel[][] TABLE = {
        {LOW, LOW, LOW, MEDIUM, MEDIUM},
        {LOW, LOW, MEDIUM, MEDIUM, HIGH},
        {LOW, LOW, MEDIUM, HIGH, HIGH},
        {LOW, MEDIUM, HIGH, HIGH, CRITICAL},
        {MEDIUM, HIGH, HIGH, CRITICAL, CRITICAL},
    };

    private RiskMatrix() {}

    public static RiskLevel level(Likelihood likelihood, RiskImpact impact) {
        return TABLE[likelihood.ordinal()][impact.ordinal()];
    }
}
