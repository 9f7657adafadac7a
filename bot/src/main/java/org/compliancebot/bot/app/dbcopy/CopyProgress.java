package org.compliancebot.bot.app.dbcopy;

/** Where a copy reports what it is doing; called from the copying thread. */
public interface CopyProgress {
    /** A step finished or started, as a line for the operator. */
    void step(String line);

    /** {@code done} of {@code total} rows of {@code table} copied so far. */
    void rows(String table, long done, long total);
}
