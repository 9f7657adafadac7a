package org.compliancebot.bot.oversight;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.UserId;

/**
 * An accepted decision on an approval request: who, from which device, in which event, and the
 * role it counted toward when it was accepted. {@code rolesHeld} are the approver's roles that the
 * rule asks for, kept so that role slots can be re-assigned as later approvers arrive. Refused decisions are not recorded here, only as
 * evidence.
 */
public record RecordedDecision(
        EventId eventId,
        UserId approver,
        DeviceId device,
        DecisionKind kind,
        String reason,
        Set<Role> rolesHeld,
        Role countedAs,
        Instant at) {
    public RecordedDecision {
        Objects.requireNonNull(eventId, "event id");
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(countedAs, "counted as");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
        rolesHeld = Set.copyOf(rolesHeld);
    }
}
