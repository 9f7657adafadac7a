package org.compliancebot.bot.change.workflow;

import java.util.Objects;
import org.compliancebot.bot.change.ChangeClass;
import org.compliancebot.bot.change.ChangeDescription;
import org.compliancebot.bot.change.ChangeType;
import org.compliancebot.bot.change.CrKind;

/**
 * What is needed to create a draft.
 *
 * @param changeClass null to use the type's default class
 */
public record NewChange(CrKind kind, ChangeType type, ChangeClass changeClass, ChangeDescription description) {
    public NewChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    /** A manual normal change with only a summary. */
    public static NewChange normal(String summary) {
        return new NewChange(CrKind.MANUAL, ChangeType.NORMAL, null, ChangeDescription.of(summary));
    }

    public ChangeClass effectiveClass() {
        return changeClass != null ? changeClass : type.defaultClass();
    }
}
