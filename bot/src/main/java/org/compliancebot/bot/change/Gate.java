package org.compliancebot.bot.change;

import java.util.List;
import java.util.Optional;

/** The eight mandatory gates a change must pass before production deployment. */
public enum Gate {
    IMPACT_ASSESSMENT(1, "Impact assessment complete",
            List.of("Impact assessment documented", "All affected modules identified", "Stakeholders notified")),
    RISK_ASSESSMENT(2, "Risk assessment complete",
            List.of("All risks identified", "Risk levels assessed", "Mitigation strategies defined", "Overall risk acceptable")),
    APPROVAL(3, "Approval obtained",
            List.of("Appropriate authority approved CR", "Approval documented with rationale")),
    REGRESSION_TESTS(4, "Regression tests passed",
            List.of("All existing tests pass (100%)", "All new tests pass (100%)", "No regression detected",
                    "Code coverage maintained or improved")),
    TEST_ENVIRONMENT(5, "Test environment validation",
            List.of("Change deployed to test environment", "Change verified working as expected",
                    "No errors or anomalies detected", "Performance acceptable")),
    DOCUMENTATION(6, "Documentation updated",
            List.of("Architecture documentation updated", "API documentation updated",
                    "User documentation updated", "Change log updated")),
    ROLLBACK_PLAN(7, "Rollback plan ready",
            List.of("Rollback procedure documented", "Rollback tested in test environment",
                    "Rollback decision criteria defined")),
    COMPLIANCE(8, "Compliance validated",
            List.of("Compliance control mappings updated", "Compliance coverage maintained or improved",
                    "No regulatory violations introduced"));

    private final int number;
    private final String title;
    private final List<String> checklist;

    Gate(int number, String title, List<String> checklist) {
        this.number = number;
        this.title = title;
        this.checklist = checklist;
    }

    public int number() {
        return number;
    }

    public String title() {
        return title;
    }

    public List<String> checklist() {
        return checklist;
    }

    /** {@code "3 (Approval obtained)"}. */
    public String describe() {
        return number + " (" + title + ")";
    }

    public static Optional<Gate> byNumber(int n) {
        return n >= 1 && n <= 8 ? Optional.of(values()[n - 1]) : Optional.empty();
    }
}
