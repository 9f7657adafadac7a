package org.compliancebot.bot.change;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link ChangeRequestRepository} in memory, for tests and the demo. */
public final class InMemoryChangeRequestRepository implements ChangeRequestRepository {
    private final Map<DraftId, ChangeRequest> byRef = new LinkedHashMap<>();
    private final Map<String, Integer> sequences = new HashMap<>();
    private long drafts;

    @Override
    public synchronized void save(ChangeRequest cr) {
        byRef.put(cr.ref(), cr);
    }

    @Override
    public synchronized Optional<ChangeRequest> byRef(DraftId ref) {
        return Optional.ofNullable(byRef.get(ref));
    }

    @Override
    public synchronized Optional<ChangeRequest> byId(CrId id) {
        return byRef.values().stream().filter(c -> id.equals(c.id())).findFirst();
    }

    @Override
    public synchronized List<ChangeRequest> all() {
        return new ArrayList<>(byRef.values());
    }

    @Override
    public synchronized long nextDraftNumber() {
        return ++drafts;
    }

    @Override
    public synchronized int nextSequence(CrKind kind, int year) {
        return sequences.merge(kind + "/" + year, 1, Integer::sum);
    }
}
