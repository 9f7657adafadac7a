package org.compliancebot.bot.change;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link CapaRepository} in memory, for tests and the demo. */
public final class InMemoryCapaRepository implements CapaRepository {
    private final Map<CapaId, Capa> capas = new LinkedHashMap<>();
    private final Map<Integer, Integer> sequences = new HashMap<>();

    @Override
    public synchronized void save(Capa capa) {
        capas.put(capa.id(), capa);
    }

    @Override
    public synchronized Optional<Capa> byId(CapaId id) {
        return Optional.ofNullable(capas.get(id));
    }

    @Override
    public synchronized List<Capa> forChangeRequest(CrId crId) {
        return capas.values().stream().filter(c -> c.crId().equals(crId)).toList();
    }

    @Override
    public synchronized List<Capa> all() {
        return new ArrayList<>(capas.values());
    }

    @Override
    public synchronized int nextSequence(int year) {
        return sequences.merge(year, 1, Integer::sum);
    }
}
