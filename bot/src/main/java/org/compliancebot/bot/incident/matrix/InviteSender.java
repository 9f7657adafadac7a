package org.compliancebot.bot.incident.matrix;

import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.Invitation;
import org.compliancebot.bridge.api.MatrixException;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an incident's pending invitations, each once: an invitation is marked sent when the server
 * accepted it, or when the room already shows the user invited or joined (a retry after a lost answer).
 */
final class InviteSender {
    private static final Logger log = LoggerFactory.getLogger(InviteSender.class);

    private final RoomContext ctx;

    InviteSender(RoomContext ctx) {
        this.ctx = ctx;
    }

    /** Sends what is pending; throws {@link MatrixException} at the first invitation the server refuses. */
    void sendPending(Incident incident) {
        RoomId room = incident.room().roomId();
        for (Invitation inv : ctx.store().invitations(incident.id())) {
            if (inv.state() == Invitation.State.SENT) {
                continue;
            }
            invite(incident, room, inv);
            ctx.store().markInvited(incident.id(), inv.user(), ctx.clock().instant());
            log.info("Invited {} to {} as {}", inv.user(), incident.id(), inv.role().label());
        }
    }

    private void invite(Incident incident, RoomId room, Invitation inv) {
        try {
            ctx.client().invite(room, inv.user(), "Incident " + incident.id() + " (" + inv.severity().label() + "), as "
                    + inv.role().label());
        } catch (MatrixException e) {
            if (e.httpStatus() == 403 && alreadyThere(room, inv.user())) {
                return;
            }
            throw e;
        }
    }

    private boolean alreadyThere(RoomId room, UserId user) {
        String m = ctx.client().getState(room, "m.room.member", user.value())
                .map(c -> c.path("membership").asText("")).orElse("");
        return m.equals("invite") || m.equals("join");
    }
}
