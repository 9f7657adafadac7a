package org.compliancebot.bot.change;

import java.util.Locale;
import java.util.Objects;

/** How the change is undone if it fails in production. */
public record RollbackPlan(Kind kind, String procedure, String decisionCriteria, boolean testedInTestEnvironment) {
    public RollbackPlan {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(procedure, "procedure");
        decisionCriteria = decisionCriteria == null ? "" : decisionCriteria;
    }

    /** Code and configuration rollbacks are easy; schema rollbacks are hard. */
    public enum Kind {
        CODE, CONFIGURATION, SCHEMA;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
