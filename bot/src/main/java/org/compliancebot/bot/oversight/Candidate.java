package org.compliancebot.bot.oversight;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.UserId;

/**
 * A decision to be evaluated, with the facts about its sender. There is deliberately no display
 * name here: authority follows from the server-set {@code sender} alone.
 *
 * @param senderRoles the sender's roles from the role directory
 * @param joined whether the sender was joined to the room at the decision event
 * @param deviceCrossSigned whether the sending device is signed by the sender's self-signing key
 *     under their master key
 * @param identity the identity-pin check of the sender's master key, or null if they have none
 * @param decision an {@link Decision.Approve} or {@link Decision.Reject}
 */
public record Candidate(
        EventId eventId,
        UserId sender,
        Set<Role> senderRoles,
        boolean joined,
        DeviceId device,
        boolean deviceCrossSigned,
        PinCheck identity,
        Decision decision,
        Instant at) {

    public Candidate {
        Objects.requireNonNull(eventId, "event id");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(at, "at");
        senderRoles = Set.copyOf(senderRoles);
        if (decision instanceof Decision.NotADecision) {
            throw new IllegalArgumentException("only approvals and rejections are evaluated");
        }
    }
}
