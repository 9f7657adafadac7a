package org.compliancebot.bot.incident.matrix;

import java.time.Clock;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentException;
import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.IncidentStore;
import org.compliancebot.bot.incident.TranscriptStore;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.outbox.Outbox;

/**
 * What the room work needs: the stores, the homeserver client, the outbox for idempotent posts, the
 * bot's own user, the server name (for aliases), the room owners and the retention.
 */
record RoomContext(IncidentStore store, TranscriptStore transcripts, MatrixClient client, Outbox outbox, UserId bot,
                   String serverName, Set<UserId> owners, long retentionMillis, Clock clock) {

    /**
     * Applies {@code change} to the stored incident, read afresh in the same transaction, so that
     * concurrent changes from chat commands are not overwritten.
     */
    Incident advance(IncidentId id, UnaryOperator<Incident> change) {
        return store.atomically(() -> {
            Incident current = store.find(id).orElseThrow(() -> new IncidentException("no incident " + id));
            Incident next = change.apply(current);
            store.update(next);
            return next;
        });
    }
}
