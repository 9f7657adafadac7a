package org.compliancebot.bot.oversight;

import java.time.Instant;
import java.util.Objects;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * The evidence of one decision message, accepted or refused, or of an ignored edit or redaction.
 *
 * @param identity the identity-pin result ({@code first_seen}, {@code match}, {@code changed}) or {@code none}
 *     when the sender has no cross-signing identity
 * @param outcome e.g. {@code accepted:overseer}, {@code refused:not-joined}, {@code decision-edit-ignored}
 */
public record DecisionEvidence(
        String approvalRequestId,
        String crId,
        RoomId roomId,
        EventId eventId,
        UserId sender,
        DeviceId device,
        boolean deviceCrossSigned,
        String identity,
        String text,
        Instant at,
        String outcome) {
    public DecisionEvidence {
        Objects.requireNonNull(eventId, "event id");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        text = text == null ? "" : text;
        identity = identity == null ? "none" : identity;
    }
}
