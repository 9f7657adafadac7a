package org.compliancebot.bot.change;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.compliancebot.bridge.id.UserId;

/**
 * A corrective action (CAPA) opened after a rollback, linked to its change request. It stays open
 * until someone closes it with a resolution.
 */
public record Capa(
        CapaId id, CrId crId, Instant openedAt, UserId openedBy, String reason, Status status,
        Instant closedAt, String resolution) {

    public Capa {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(crId, "cr id");
        Objects.requireNonNull(openedAt, "opened at");
        Objects.requireNonNull(openedBy, "opened by");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        resolution = resolution == null ? "" : resolution;
    }

    public static Capa open(CapaId id, CrId crId, Instant at, UserId by, String reason) {
        return new Capa(id, crId, at, by, reason, Status.OPEN, null, "");
    }

    public Capa close(Instant at, String resolution) {
        return new Capa(id, crId, openedAt, openedBy, reason, Status.CLOSED, at, resolution);
    }

    /** Open until resolved. */
    public enum Status {
        OPEN, CLOSED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
