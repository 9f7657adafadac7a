package org.compliancebot.bot.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.UserId;

/**
 * Carries out incident chat commands for a sender, after checking that the sender may use them.
 * Anyone in an incident room may add to the timeline, assign tasks, tick the checklist and ask for
 * the status (the room is invite-only). Changing the severity and resolving need the security lead,
 * the human overseer or the CTO; closing needs the security lead. A refused or failed command
 * changes nothing.
 */
public final class IncidentDesk {
    /** Who may change the severity and document the resolution. */
    public static final Set<Role> COMMANDERS = EnumSet.of(Role.SECURITY_LEAD, Role.HUMAN_OVERSEER, Role.CTO);

    private final IncidentService service;
    private final IncidentStore store;
    private final Clock clock;

    public IncidentDesk(IncidentService service, IncidentStore store, Clock clock) {
        this.service = service;
        this.store = store;
        this.clock = clock;
    }

    /** {@code !incident open ...} from a room where incidents may be opened. */
    public IncidentReply open(IncidentCommand.Open cmd, UserId sender, EventId eventId) {
        Incident i = service.open(new NewIncident(cmd.title(), cmd.severity(), cmd.controls(), cmd.description(),
                cmd.links(), sender.value(), "chat:" + eventId.value()));
        List<UserId> invitees = List.copyOf(service.invitePolicy().inviteesFor(i.severity(), service.roles()).keySet());
        return IncidentReply.text("Opened " + i.id() + " (" + i.severity().label() + "): " + i.title()
                + ". Its room is being created; inviting " + (invitees.isEmpty() ? "nobody (no role holders configured)"
                : names(invitees)) + ".");
    }

    /** A command in the room of {@code incident}; {@code at} is the command's server time. */
    public IncidentReply handle(Incident incident, IncidentCommand command, UserId sender, EventId eventId, Instant at) {
        try {
            return switch (command) {
                case IncidentCommand.Open o -> IncidentReply.text(
                        "Incidents are opened in the security rooms, not inside an incident room.");
                case IncidentCommand.Help h -> IncidentReply.text(IncidentCommandParser.help());
                case IncidentCommand.ChangeSeverity c -> severity(incident, c.severity(), sender, eventId, at);
                case IncidentCommand.Assign a -> assign(incident, a, sender, eventId, at);
                case IncidentCommand.Note n -> note(incident, n.text(), sender, eventId, at);
                case IncidentCommand.ShowChecklist s -> IncidentReply.text("Response checklist of " + incident.id()
                        + ":\n" + String.join("\n", IncidentReport.checklistLines(store.checklist(incident.id()))));
                case IncidentCommand.Check c -> check(incident, c.item(), sender, eventId, at);
                case IncidentCommand.Status s -> IncidentReply.text(StatusView.render(service.details(incident.id()), clock.instant()));
                case IncidentCommand.Resolve r -> resolve(incident, r.summary(), sender, eventId, at);
                case IncidentCommand.Close c -> close(incident, sender, eventId, at);
            };
        } catch (IncidentException e) {
            return IncidentReply.text(e.getMessage() + " Nothing was changed.");
        }
    }

    private IncidentReply severity(Incident i, Severity s, UserId sender, EventId eventId, Instant at) {
        requireOneOf(sender, COMMANDERS, "change the severity");
        requireNotClosing(i);
        if (i.severity() == s) {
            return IncidentReply.text(i.id() + " is already " + s.label() + ".");
        }
        IncidentService.SeverityChange change = service.changeSeverity(i.id(), s, sender, eventId, at);
        String direction = s.compareTo(change.from()) > 0 ? "raised" : "lowered";
        String invites = change.added().isEmpty() ? "Nobody new to invite."
                : "Inviting " + names(change.added().stream().map(Invitation::user).toList()) + ".";
        return IncidentReply.text("Severity " + direction + " from " + change.from().label() + " to " + s.label()
                + " by " + sender + ". " + invites + " Noted on the timeline.");
    }

    private IncidentReply assign(Incident i, IncidentCommand.Assign a, UserId sender, EventId eventId, Instant at) {
        requireNotClosing(i);
        Map<UserId, Membership> members = store.members(i.id());
        boolean known = members.containsKey(a.assignee()) && members.get(a.assignee()).isPresent()
                || store.invitations(i.id()).stream().anyMatch(inv -> inv.user().equals(a.assignee()));
        if (!known) {
            throw new IncidentException(a.assignee() + " is not a member of this incident room; invite them first "
                    + "or check the user id.");
        }
        Task t = store.atomically(() -> {
            Task task = store.addTask(i.id(), a.assignee(), a.task(), sender, at, eventId);
            store.addTimeline(i.id(), TimelineEntry.Kind.TASK, eventId, sender, at,
                    "Task " + task.number() + " assigned to " + a.assignee() + ": " + a.task());
            return task;
        });
        return IncidentReply.text("Task " + t.number() + " assigned to " + a.assignee() + ": " + a.task());
    }

    private IncidentReply note(Incident i, String text, UserId sender, EventId eventId, Instant at) {
        requireNotClosing(i);
        return store.addTimeline(i.id(), TimelineEntry.Kind.NOTE, eventId, sender, at, text)
                .map(e -> IncidentReply.text("Added to the timeline as entry " + e.number() + "."))
                .orElse(IncidentReply.text("This message is on the timeline already."));
    }

    private IncidentReply check(Incident i, int item, UserId sender, EventId eventId, Instant at) {
        requireNotClosing(i);
        Checklist before = store.checklist(i.id());
        if (before.isTicked(item)) {
            Checklist.Tick t = before.ticks().get(item);
            return IncidentReply.text("Item " + item + " (" + Checklist.item(item) + ") was ticked already by " + t.by()
                    + " at " + IncidentReport.when(t.at()) + ".");
        }
        store.atomically(() -> {
            store.tick(i.id(), item, sender, at);
            store.addTimeline(i.id(), TimelineEntry.Kind.CHECK, eventId, sender, at, "Checked: " + Checklist.item(item));
            return null;
        });
        return IncidentReply.text("\u2611 " + item + ". " + Checklist.item(item) + " (" + (before.done() + 1) + " of "
                + before.total() + " done)");
    }

    private IncidentReply resolve(Incident i, String summary, UserId sender, EventId eventId, Instant at) {
        requireOneOf(sender, COMMANDERS, "document the resolution");
        Incident r = service.resolve(i.id(), summary, sender, eventId, at);
        return IncidentReply.text(r.id() + " resolved by " + sender + " after " + StatusView.duration(
                Duration.between(r.createdAt(), at)) + ": " + summary + ". The security lead closes it with !close.");
    }

    private IncidentReply close(Incident i, UserId sender, EventId eventId, Instant at) {
        requireOneOf(sender, EnumSet.of(Role.SECURITY_LEAD), "close an incident");
        service.requestClose(i.id(), sender, eventId, at);
        return IncidentReply.text("Closing " + i.id() + (i.resolution() == null ? " without a documented resolution" : "")
                + ": the room is archived read-only and its transcript kept as evidence.");
    }

    private void requireOneOf(UserId sender, Set<Role> allowed, String what) {
        if (!service.roles().holdsAny(sender, allowed)) {
            throw new IncidentException("Refused: only the " + allowed.stream().map(Role::label)
                    .collect(Collectors.joining(", ")) + " may " + what + ".");
        }
    }

    private static void requireNotClosing(Incident i) {
        if (i.isClosing()) {
            throw new IncidentException(i.id() + " is closed.");
        }
    }

    private static String names(List<UserId> users) {
        return users.stream().map(UserId::value).collect(Collectors.joining(", "));
    }
}
