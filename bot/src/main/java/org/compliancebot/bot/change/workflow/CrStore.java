package org.compliancebot.bot.change.workflow;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeRequestException;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.CrTransitions;
import org.compliancebot.bot.change.DraftId;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bridge.id.UserId;

/** Loading, saving and logged transitions of change requests, shared by the workflow classes. */
final class CrStore {
    private final WorkflowEnvironment env;

    CrStore(WorkflowEnvironment env) {
        this.env = env;
    }

    Instant now() {
        return env.clock().instant();
    }

    int year() {
        return now().atZone(ZoneOffset.UTC).getYear();
    }

    ChangeRequest load(CrId id) {
        return env.changeRequests().byId(id).orElseThrow(() -> new ChangeRequestException.NotFound("change request " + id));
    }

    ChangeRequest load(DraftId ref) {
        return env.changeRequests().byRef(ref).orElseThrow(() -> new ChangeRequestException.NotFound("change request " + ref));
    }

    /** Moves {@code cr} to {@code to} (checking only the graph), saves it and logs the transition. */
    ChangeRequest transition(ChangeRequest cr, CrState to, UserId actor, String reason,
            java.util.function.Consumer<ChangeRequest.Builder> extra) {
        CrTransitions.check(cr.displayId(), cr.state(), to);
        Instant now = now();
        CrState from = cr.state();
        ChangeRequest next = cr.with(b -> {
            b.state = to;
            b.stateSince = now;
            extra.accept(b);
        });
        env.changeRequests().save(next);
        env.changeLog().append(new ChangeLogEntry(next.ref(), next.id(), now, actor, ChangeLogEntry.Kind.TRANSITION,
                from, to, reason));
        return next;
    }

    void log(ChangeRequest cr, UserId actor, ChangeLogEntry.Kind kind, String reason) {
        env.changeLog().append(new ChangeLogEntry(cr.ref(), cr.id(), now(), actor, kind, null, null, reason));
    }

    /** Refuses unless {@code actor} holds one of {@code roles}, or is the requester when {@code requesterOk}. */
    void authorise(UserId actor, Set<Role> roles, ChangeRequest cr, boolean requesterOk, String action) {
        if (requesterOk && cr != null && actor.equals(cr.requester())) {
            return;
        }
        if (env.roles().holdsAny(actor, roles)) {
            return;
        }
        String who = roles.stream().sorted().map(Role::label).collect(Collectors.joining(", "));
        throw new ChangeRequestException.NotAuthorised(actor + " may not " + action + "; this needs "
                + (requesterOk ? "the requester or " : "") + "one of: " + (who.isEmpty() ? "(no role configured)" : who));
    }
}
