package org.compliancebot.bot.change;

import java.util.List;
import java.util.Optional;

/** Storage of corrective actions. {@link #save} inserts or replaces by ID. */
public interface CapaRepository {
    void save(Capa capa);

    Optional<Capa> byId(CapaId id);

    List<Capa> forChangeRequest(CrId crId);

    List<Capa> all();

    /** The next sequence for {@code year}, starting at 1. */
    int nextSequence(int year);
}
