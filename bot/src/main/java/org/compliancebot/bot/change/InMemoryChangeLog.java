package org.compliancebot.bot.change;

import java.util.ArrayList;
import java.util.List;

/** A {@link ChangeLog} in memory, for tests and the demo. Not thread-safe beyond its own methods. */
public final class InMemoryChangeLog implements ChangeLog {
    private final List<ChangeLogEntry> entries = new ArrayList<>();

    @Override
    public synchronized void append(ChangeLogEntry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized List<ChangeLogEntry> forRequest(DraftId ref) {
        return entries.stream().filter(e -> e.ref().equals(ref)).toList();
    }

    @Override
    public synchronized List<ChangeLogEntry> all() {
        return List.copyOf(entries);
    }
}
