package org.compliancebot.bot.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.compliancebot.bot.roles.RoleDirectory;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.UserId;

/**
 * The incident API: open, look up, change severity, resolve, ask to close, and the measures. Room
 * work (creating, inviting, posting, archiving) is done in the background by whoever registered
 * with {@link #onRoomWork}; this class only records what the room must become.
 */
public final class IncidentService implements IncidentOpener {
    private final IncidentStore store;
    private final TranscriptStore transcripts;
    private final InvitePolicy policy;
    private final RoleDirectory roles;
    private final Clock clock;
    private final Duration responseTarget;
    private volatile Runnable wake = () -> { };

    public IncidentService(IncidentStore store, TranscriptStore transcripts, InvitePolicy policy, RoleDirectory roles,
                           Clock clock, Duration responseTarget) {
        this.store = Objects.requireNonNull(store);
        this.transcripts = Objects.requireNonNull(transcripts);
        this.policy = Objects.requireNonNull(policy);
        this.roles = Objects.requireNonNull(roles);
        this.clock = Objects.requireNonNull(clock);
        this.responseTarget = Objects.requireNonNull(responseTarget);
    }

    /** Called after every change that needs room work; must not block. */
    public void onRoomWork(Runnable wake) {
        this.wake = Objects.requireNonNull(wake);
    }

    public InvitePolicy invitePolicy() {
        return policy;
    }

    public RoleDirectory roles() {
        return roles;
    }

    @Override
    public Incident open(NewIncident request) {
        Objects.requireNonNull(request, "request");
        Incident incident = store.atomically(() -> {
            if (request.sourceKey() != null) {
                Optional<Incident> earlier = store.findBySourceKey(request.sourceKey());
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            Instant now = clock.instant();
            Incident created = store.create(request, now);
            store.addInvitations(created.id(), policy.additions(created.severity(), roles, Set.of()), now);
            return created;
        });
        wake.run();
        return incident;
    }

    public Optional<Incident> find(IncidentId id) {
        return store.find(id);
    }

    public Incident require(IncidentId id) {
        return store.find(id).orElseThrow(() -> new IncidentException("There is no incident " + id + "."));
    }

    /** Incidents with the status (all when null), newest first. */
    public List<Incident> list(IncidentStatus status) {
        return store.list(status);
    }

    public IncidentDetails details(IncidentId id) {
        return store.atomically(() -> {
            Incident i = require(id);
            return new IncidentDetails(i, store.invitations(id), store.members(id), store.tasks(id),
                    store.checklist(id), store.timeline(id), transcripts.count(id));
        });
    }

    /** The result of a severity change: the incident after it and who was newly invited. */
    public record SeverityChange(Severity from, Incident incident, List<Invitation> added) {}

    /**
     * Sets the severity, notes it on the timeline and invites whoever the new level adds (nobody is
     * removed when it falls). {@code eventId} is the message that asked for it, or null.
     */
    public SeverityChange changeSeverity(IncidentId id, Severity severity, UserId by, EventId eventId, Instant at) {
        SeverityChange change = store.atomically(() -> {
            Incident before = require(id);
            if (before.isClosing()) {
                throw new IncidentException(id + " is closed; its severity can no longer change.");
            }
            if (before.severity() == severity) {
                return new SeverityChange(severity, before, List.of());
            }
            Incident after = before.withSeverity(severity);
            store.update(after);
            Set<UserId> invited = store.invitations(id).stream().map(Invitation::user).collect(Collectors.toSet());
            List<Invitation> added = policy.additions(severity, roles, invited);
            store.addInvitations(id, added, at);
            store.addTimeline(id, TimelineEntry.Kind.SEVERITY, eventId, by, at,
                    "Severity changed from " + before.severity().label() + " to " + severity.label());
            return new SeverityChange(before.severity(), after, added);
        });
        wake.run();
        return change;
    }

    /** Documents the resolution; the incident stays until the security lead closes it. */
    public Incident resolve(IncidentId id, String summary, UserId by, EventId eventId, Instant at) {
        return store.atomically(() -> {
            Incident i = require(id);
            if (i.isClosing()) {
                throw new IncidentException(id + " is closed already.");
            }
            if (i.resolution() != null) {
                throw new IncidentException(id + " was resolved by " + i.resolution().by() + " at "
                        + IncidentReport.when(i.resolution().at()) + ": " + i.resolution().summary());
            }
            Incident resolved = i.resolved(new Incident.Resolution(summary, by, at));
            store.update(resolved);
            store.addTimeline(id, TimelineEntry.Kind.RESOLVED, eventId, by, at, "Resolved: " + summary);
            return resolved;
        });
    }

    /** Asks for the closure: the room is archived and its transcript extracted in the background. */
    public Incident requestClose(IncidentId id, UserId by, EventId eventId, Instant at) {
        Incident closing = store.atomically(() -> {
            Incident i = require(id);
            if (i.isClosing()) {
                throw new IncidentException(id + " is " + (i.status() == IncidentStatus.CLOSED ? "closed" : "being closed")
                        + " already (asked by " + i.closure().by() + ").");
            }
            if (!i.isOpened()) {
                throw new IncidentException(id + " is still being opened; close it once its room is ready.");
            }
            Incident c = i.closing(new Incident.Closure(by, at, null));
            store.update(c);
            store.addTimeline(id, TimelineEntry.Kind.CLOSE, eventId, by, at, "Close requested");
            return c;
        });
        wake.run();
        return closing;
    }

    public List<TranscriptRecord> transcript(IncidentId id) {
        return transcripts.records(id);
    }

    public IncidentMetrics metrics(IncidentId id) {
        return IncidentMetrics.of(require(id), responseTarget);
    }

    /** Figures over all incidents, for the metrics endpoint. */
    public MetricsSummary summary() {
        List<Incident> all = store.list(null);
        Instant now = clock.instant();
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        int open = 0, resolved = 0, closed = 0, within = 0, late = 0, waiting = 0;
        Duration total = Duration.ZERO;
        int responded = 0;
        for (Incident i : all) {
            switch (i.status()) {
                case OPEN -> open++;
                case RESOLVED -> resolved++;
                case CLOSED -> closed++;
            }
            if (i.status() != IncidentStatus.CLOSED) {
                bySeverity.merge(i.severity(), 1, Integer::sum);
            }
            IncidentMetrics m = IncidentMetrics.of(i, responseTarget);
            if (m.timeToFirstResponse().isPresent()) {
                responded++;
                total = total.plus(m.firstResponse());
                if (m.respondedWithinTarget().orElse(false)) {
                    within++;
                } else {
                    late++;
                }
            } else if (i.status() != IncidentStatus.CLOSED && Duration.between(i.createdAt(), now).compareTo(responseTarget) >= 0) {
                waiting++;
            }
        }
        return new MetricsSummary(open, resolved, closed, bySeverity, responded == 0 ? null : total.dividedBy(responded),
                within, late, waiting);
    }
}
