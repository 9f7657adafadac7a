package org.compliancebot.bot.change;

import java.util.List;

/**
 * The regression analysis: which existing tests must pass, which new tests are needed, and the
 * results once they ran. Counts are zero until tests have run.
 */
public record RegressionAnalysis(
        List<String> existingTests,
        List<String> newTestsRequired,
        int existingPassed,
        int existingFailed,
        int newPassed,
        int newFailed,
        String notes) {

    public RegressionAnalysis {
        existingTests = List.copyOf(existingTests);
        newTestsRequired = List.copyOf(newTestsRequired);
        if (existingPassed < 0 || existingFailed < 0 || newPassed < 0 || newFailed < 0) {
            throw new IllegalArgumentException("test counts must not be negative");
        }
        notes = notes == null ? "" : notes;
    }

    /** An analysis before any test ran: what must pass and what is to be written. */
    public static RegressionAnalysis planned(List<String> existingTests, List<String> newTestsRequired, String notes) {
        return new RegressionAnalysis(existingTests, newTestsRequired, 0, 0, 0, 0, notes);
    }

    public boolean regressionDetected() {
        return existingFailed > 0 || newFailed > 0;
    }
}
