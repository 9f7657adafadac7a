package org.compliancebot.bot.watchdog.matrix;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MatrixException;
import org.compliancebot.bridge.id.RoomAlias;
import org.compliancebot.bridge.id.RoomId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms the watchdog posts to, from the aliases in the configuration: resolved and joined on first
 * use, and remembered. A room that cannot be reached is reported loudly and tried again next time.
 */
public final class WatchdogRooms {
    private static final Logger log = LoggerFactory.getLogger(WatchdogRooms.class);

    private final MatrixClient client;
    private final String monitoringAlias;
    private final String oversightAlias;
    private final ConcurrentMap<String, RoomId> resolved = new ConcurrentHashMap<>();

    /** Either alias may be null when not configured. */
    public WatchdogRooms(MatrixClient client, String monitoringAlias, String oversightAlias) {
        this.client = client;
        this.monitoringAlias = monitoringAlias;
        this.oversightAlias = oversightAlias;
    }

    public Optional<RoomId> monitoring() {
        return room(monitoringAlias, "monitoring");
    }

    public Optional<RoomId> oversight() {
        return room(oversightAlias, "oversight");
    }

    /** The room ids known so far (for the self-checks). */
    public java.util.Collection<RoomId> known() {
        return resolved.values();
    }

    private Optional<RoomId> room(String alias, String what) {
        if (alias == null) {
            return Optional.empty();
        }
        RoomId id = resolved.get(alias);
        if (id != null) {
            return Optional.of(id);
        }
        try {
            Optional<RoomId> r = client.resolveAlias(RoomAlias.of(alias));
            if (r.isEmpty()) {
                log.atError().addKeyValue("room", what).addKeyValue("alias", alias)
                        .log("WATCHDOG ROOM UNREACHABLE: the alias does not exist; alerts stay queued until it does");
                return Optional.empty();
            }
            if (!client.joinedRooms().contains(r.get())) {
                client.join(r.get().value());
            }
            resolved.put(alias, r.get());
            return r;
        } catch (MatrixException e) {
            log.atError().addKeyValue("room", what).addKeyValue("alias", alias).addKeyValue("error", e.getMessage())
                    .log("WATCHDOG ROOM UNREACHABLE: cannot resolve or join; alerts stay queued");
            return Optional.empty();
        }
    }
}
