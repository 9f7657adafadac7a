package org.compliancebot.bot.change;

import java.util.List;

/** The append-only change log. Implementations never update or delete entries. */
public interface ChangeLog {
    void append(ChangeLogEntry entry);

    /** Entries of one change request in the order they were appended. */
    List<ChangeLogEntry> forRequest(DraftId ref);

    /** All entries in the order they were appended. */
    List<ChangeLogEntry> all();
}
