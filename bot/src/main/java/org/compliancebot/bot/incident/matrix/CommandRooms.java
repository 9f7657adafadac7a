package org.compliancebot.bot.incident.matrix;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MatrixException;
import org.compliancebot.bridge.id.RoomAlias;
import org.compliancebot.bridge.id.RoomId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms where {@code !incident open} is accepted ({@code incident.command_rooms}): room ids as
 * they are, aliases and names of the {@code rooms:} section resolved to room ids. Resolution runs
 * outside the sync thread and is retried until every entry is known.
 */
final class CommandRooms {
    private static final Logger log = LoggerFactory.getLogger(CommandRooms.class);

    private final Map<String, RoomAlias> unresolved = new ConcurrentHashMap<>();
    private final Set<RoomId> rooms = ConcurrentHashMap.newKeySet();

    CommandRooms(List<String> entries, Map<String, String> namedRooms) {
        for (String e : entries) {
            if (e.startsWith("!")) {
                rooms.add(RoomId.of(e));
            } else if (e.startsWith("#")) {
                unresolved.put(e, RoomAlias.of(e));
            } else if (namedRooms.containsKey(e)) {
                unresolved.put(e, RoomAlias.of(namedRooms.get(e)));
            }
        }
    }

    boolean contains(RoomId room) {
        return rooms.contains(room);
    }

    /** Resolves the aliases not resolved yet; failures are logged and retried on the next call. */
    void resolve(MatrixClient client) {
        for (Map.Entry<String, RoomAlias> e : unresolved.entrySet()) {
            try {
                client.resolveAlias(e.getValue()).ifPresentOrElse(id -> {
                    rooms.add(id);
                    unresolved.remove(e.getKey());
                    log.info("Incidents may be opened in {} ({})", e.getValue(), id);
                }, () -> log.warn("Command room {} does not exist (yet)", e.getValue()));
            } catch (MatrixException ex) {
                log.warn("Cannot resolve command room {}: {}", e.getValue(), ex.getMessage());
            }
        }
    }

    boolean allResolved() {
        return unresolved.isEmpty();
    }
}
