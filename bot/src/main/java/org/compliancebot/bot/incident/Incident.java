package org.compliancebot.bot.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomAlias;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * The incident record. Immutable: changes produce a new value through the {@code with...} methods.
 *
 * @param room       the room and how far its opening and closing have come
 * @param response   the first message of a human in the room, once there was one
 * @param resolution the documented resolution, once resolved
 * @param closure    who asked to close and when it was closed, once close was asked for
 */
public record Incident(IncidentId id, String title, Severity severity, List<String> violatedControls,
                       String description, List<String> links, IncidentStatus status, String createdBy,
                       Instant createdAt, String sourceKey, Room room, Response response, Resolution resolution,
                       Closure closure) {

    /**
     * The incident's room. {@code roomId} is null until the room exists; {@code topicSeverity} is the
     * severity the room topic shows; {@code closing} is null until close was asked for.
     */
    public record Room(RoomId roomId, OpeningStep opening, EventId reportEventId, Severity topicSeverity,
                       ClosingStep closing, String lastError) {
        public static Room notYetCreated(Severity severity) {
            return new Room(null, OpeningStep.RECORDED, null, severity, null, null);
        }

        public Room withStep(OpeningStep step) {
            return new Room(roomId, step, reportEventId, topicSeverity, closing, null);
        }

        public Room withClosing(ClosingStep step) {
            return new Room(roomId, opening, reportEventId, topicSeverity, step, null);
        }

        public Room withRoomId(RoomId id) {
            return new Room(id, opening, reportEventId, topicSeverity, closing, lastError);
        }

        public Room withReport(EventId id) {
            return new Room(roomId, opening, id, topicSeverity, closing, lastError);
        }

        public Room withTopicSeverity(Severity s) {
            return new Room(roomId, opening, reportEventId, s, closing, lastError);
        }

        public Room withError(String error) {
            return new Room(roomId, opening, reportEventId, topicSeverity, closing, error);
        }
    }

    /** The first human message in the room. */
    public record Response(UserId by, Instant at, EventId eventId) {}

    /** The documented resolution. */
    public record Resolution(String summary, UserId by, Instant at) {}

    /** Close was asked for by {@code by} at {@code requestedAt}; {@code closedAt} is set once archived and extracted. */
    public record Closure(UserId by, Instant requestedAt, Instant closedAt) {}

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(room, "room");
        violatedControls = List.copyOf(violatedControls);
        links = List.copyOf(links);
    }

    /** A new incident as recorded, before its room exists. */
    public static Incident recorded(IncidentId id, NewIncident r, Instant now) {
        return new Incident(id, r.title(), r.severity(), r.violatedControls(), r.description(), r.links(),
                IncidentStatus.OPEN, r.openedBy(), now, r.sourceKey(), Room.notYetCreated(r.severity()), null, null, null);
    }

    /** {@code #incident-YYYY-MM-DD-NNN:server}. */
    public RoomAlias alias(String serverName) {
        return RoomAlias.of("#" + id.aliasLocalpart() + ":" + serverName);
    }

    /** {@code Incident: <id> – <title>}. */
    public String roomName() {
        return "Incident: " + id + " \u2013 " + title;
    }

    /** The room topic: severity, priority and the violated axioms or controls. */
    public String topic() {
        return topicFor(severity);
    }

    public String topicFor(Severity s) {
        return "Severity: " + s.label() + " | Violated: "
                + (violatedControls.isEmpty() ? "none recorded" : String.join(", ", violatedControls));
    }

    public Optional<RoomId> roomId() {
        return Optional.ofNullable(room.roomId());
    }

    public boolean isOpened() {
        return room.opening() == OpeningStep.OPENED;
    }

    /** True once close was asked for (the closure may still be under way). */
    public boolean isClosing() {
        return closure != null;
    }

    public Incident withRoom(Room r) {
        return new Incident(id, title, severity, violatedControls, description, links, status, createdBy, createdAt,
                sourceKey, r, response, resolution, closure);
    }

    public Incident withSeverity(Severity s) {
        return new Incident(id, title, s, violatedControls, description, links, status, createdBy, createdAt,
                sourceKey, room, response, resolution, closure);
    }

    public Incident withResponse(Response r) {
        return new Incident(id, title, severity, violatedControls, description, links, status, createdBy, createdAt,
                sourceKey, room, r, resolution, closure);
    }

    public Incident resolved(Resolution r) {
        return new Incident(id, title, severity, violatedControls, description, links, IncidentStatus.RESOLVED,
                createdBy, createdAt, sourceKey, room, response, r, closure);
    }

    public Incident closing(Closure c) {
        return new Incident(id, title, severity, violatedControls, description, links, status, createdBy, createdAt,
                sourceKey, room.withClosing(ClosingStep.REQUESTED), response, resolution, c);
    }

    public Incident closed(Instant at) {
        return new Incident(id, title, severity, violatedControls, description, links, IncidentStatus.CLOSED,
                createdBy, createdAt, sourceKey, room, response, resolution,
                new Closure(closure.by(), closure.requestedAt(), at));
    }

    /** How long the incident has been open at {@code now}, or was open until it closed. */
    public Duration age(Instant now) {
        Instant end = closure != null && closure.closedAt() != null ? closure.closedAt() : now;
        return Duration.between(createdAt, end);
    }
}
