package org.compliancebot.bot.change;

import java.util.List;
import java.util.Optional;

/**
 * Storage of change requests and their counters. {@link #save} inserts or replaces by
 * {@link ChangeRequest#ref()}.
 */
public interface ChangeRequestRepository {
    void save(ChangeRequest cr);

    Optional<ChangeRequest> byRef(DraftId ref);

    Optional<ChangeRequest> byId(CrId id);

    /** All requests, oldest first. */
    List<ChangeRequest> all();

    /** The next draft number, starting at 1; never returns the same number twice. */
    long nextDraftNumber();

    /** The next register sequence for {@code kind} in {@code year}, starting at 1 for each pair. */
    int nextSequence(CrKind kind, int year);
}
