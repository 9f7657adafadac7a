package org.compliancebot.bot.incident;

import java.util.List;
import org.compliancebot.bridge.id.UserId;

/** A chat command about incidents, parsed by {@link IncidentCommandParser}. */
public sealed interface IncidentCommand {
    /** {@code !incident open <severity> <title>}, with details on the following lines. */
    record Open(Severity severity, String title, String description, List<String> controls, List<String> links)
            implements IncidentCommand {}

    /** {@code !incident} or {@code !incident help}. */
    record Help() implements IncidentCommand {}

    /** {@code !severity <level>}. */
    record ChangeSeverity(Severity severity) implements IncidentCommand {}

    /** {@code !assign @user <task>}. */
    record Assign(UserId assignee, String task) implements IncidentCommand {}

    /** {@code !timeline <text>}. */
    record Note(String text) implements IncidentCommand {}

    /** {@code !checklist}. */
    record ShowChecklist() implements IncidentCommand {}

    /** {@code !check <n>}. */
    record Check(int item) implements IncidentCommand {}

    /** {@code !status}. */
    record Status() implements IncidentCommand {}

    /** {@code !resolve <summary>}. */
    record Resolve(String summary) implements IncidentCommand {}

    /** {@code !close}. */
    record Close() implements IncidentCommand {}
}
