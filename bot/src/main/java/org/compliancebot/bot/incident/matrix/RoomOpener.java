package org.compliancebot.bot.incident.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentException;
import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.IncidentReply;
import org.compliancebot.bot.incident.IncidentReport;
import org.compliancebot.bot.incident.OpeningStep;
import org.compliancebot.bridge.api.ErrCode;
import org.compliancebot.bridge.api.MatrixException;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomAlias;
import org.compliancebot.bridge.id.RoomId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an incident's room step by step: mark, create (or find by alias), step the bot down, invite,
 * post the report, pin it. Each step's result is stored before the next starts, so after a failure
 * {@link #complete} continues where it stopped and never creates a second room or posts twice.
 */
final class RoomOpener {
    private static final Logger log = LoggerFactory.getLogger(RoomOpener.class);
    private static final int MAX_ALIASES = 20;

    private final RoomContext ctx;
    private final InviteSender invites;
    private volatile StepHook hook = StepHook.NONE;

    RoomOpener(RoomContext ctx, InviteSender invites) {
        this.ctx = ctx;
        this.invites = invites;
    }

    void setHook(StepHook hook) {
        this.hook = hook == null ? StepHook.NONE : hook;
    }

    /** Runs the remaining steps; throws when one fails (the steps done so far stay done). */
    Incident complete(IncidentId id) {
        Incident i = ctx.store().find(id).orElseThrow(() -> new IncidentException("no incident " + id));
        while (i.room().opening() != OpeningStep.OPENED) {
            i = step(i);
            hook.afterStep(id, i.room().opening());
        }
        return i;
    }

    private Incident step(Incident i) {
        return switch (i.room().opening()) {
            case RECORDED -> to(i, OpeningStep.CREATING_ROOM);
            case CREATING_ROOM -> create(i);
            case ROOM_CREATED -> secure(i);
            case SECURED -> {
                invites.sendPending(ctx.store().find(i.id()).orElseThrow());
                yield to(i, OpeningStep.INVITED);
            }
            case INVITED -> report(i);
            case REPORTED -> pin(i);
            case OPENED -> i;
        };
    }

    private Incident to(Incident i, OpeningStep step) {
        return ctx.advance(i.id(), cur -> cur.withRoom(cur.room().withStep(step)));
    }

    private Incident create(Incident i) {
        RoomId room = null;
        for (int n = 1; room == null; n++) {
            if (n > MAX_ALIASES) {
                throw new IncidentException("the aliases of " + i.id() + " up to -" + MAX_ALIASES + " are all taken by other rooms");
            }
            room = createOrFind(i, IncidentRoomLayout.aliasCandidate(i, n));
        }
        hook.roomCreated(i.id(), room);
        RoomId created = room;
        return ctx.advance(i.id(), cur -> cur.withRoom(cur.room().withRoomId(created).withTopicSeverity(i.severity())
                .withStep(OpeningStep.ROOM_CREATED)));
    }

    /**
     * The room under {@code #localpart}: found when an earlier attempt created it (its create event
     * carries this incident's marker), created when the alias is free, null when another room holds it.
     */
    private RoomId createOrFind(Incident i, String localpart) {
        RoomAlias alias = RoomAlias.of("#" + localpart + ":" + ctx.serverName());
        Optional<RoomId> existing = ctx.client().resolveAlias(alias);
        if (existing.isPresent()) {
            if (isOurs(existing.get(), i)) {
                log.info("Found the room of {} by its alias {}: {}", i.id(), alias, existing.get());
                return existing.get();
            }
            log.warn("The alias {} is held by another room ({}); trying the next one", alias, existing.get());
            return null;
        }
        try {
            RoomId room = ctx.client().createRoom(IncidentRoomLayout.createRequest(i, localpart, ctx.bot(), ctx.owners(),
                    ctx.retentionMillis()));
            log.info("Created the room of {}: {} ({})", i.id(), room, alias);
            return room;
        } catch (MatrixException e) {
            if (e.is(ErrCode.M_ROOM_IN_USE)) {
                log.warn("The alias {} was taken meanwhile; trying the next one", alias);
                return null;
            }
            throw e;
        }
    }

    private boolean isOurs(RoomId room, Incident i) {
        try {
            return ctx.client().getState(room, "m.room.create", "")
                    .map(c -> IncidentRoomLayout.marker(i).equals(c.path(IncidentRoomLayout.MARKER).asText(null)))
                    .orElse(false);
        } catch (MatrixException e) {
            if (e.httpStatus() == 403) {
                return false;
            }
            throw e;
        }
    }

    private Incident secure(Incident i) {
        RoomId room = i.room().roomId();
        JsonNode current = ctx.client().getState(room, "m.room.power_levels", "").orElseThrow();
        ObjectNode target = IncidentRoomLayout.securedPowerLevels(ctx.bot(), ctx.owners());
        if (IncidentRoomLayout.levelOf(current, ctx.bot()) > IncidentRoomLayout.levelOf(target, ctx.bot())) {
            ctx.client().putState(room, "m.room.power_levels", "", target);
        }
        return to(i, OpeningStep.SECURED);
    }

    private Incident report(Incident i) {
        Incident fresh = ctx.store().find(i.id()).orElseThrow();
        IncidentReply r = IncidentReport.render(fresh);
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("msgtype", "m.text");
        content.put("body", r.body());
        content.put("format", "org.matrix.custom.html");
        content.put("formatted_body", r.html());
        EventId event = ctx.outbox().send("incident:" + i.id() + ":report", i.room().roomId(), "m.room.message", content);
        return ctx.advance(i.id(), cur -> cur.withRoom(cur.room().withReport(event).withStep(OpeningStep.REPORTED)));
    }

    private Incident pin(Incident i) {
        RoomId room = i.room().roomId();
        String report = i.room().reportEventId().value();
        JsonNode current = ctx.client().getState(room, "m.room.pinned_events", "").orElse(null);
        ArrayNode pinned = JsonNodeFactory.instance.arrayNode().add(report);
        boolean already = false;
        if (current != null) {
            for (JsonNode p : current.path("pinned")) {
                if (p.asText().equals(report)) {
                    already = true;
                } else {
                    pinned.add(p.asText());
                }
            }
        }
        if (!already) {
            ObjectNode content = JsonNodeFactory.instance.objectNode();
            content.set("pinned", pinned);
            ctx.client().putState(room, "m.room.pinned_events", "", content);
        }
        log.info("Opened {} in {}", i.id(), room);
        return to(i, OpeningStep.OPENED);
    }
}
