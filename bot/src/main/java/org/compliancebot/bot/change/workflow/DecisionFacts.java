package org.compliancebot.bot.change.workflow;

import java.time.Instant;
import java.util.Objects;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * What the wiring knows about a reply to an approval request. {@code sender} is the event's
 * server-set sender; there is no display name on purpose.
 *
 * @param joined whether the sender's membership at this event was {@code join}
 * @param deviceCrossSigned whether the sending device is signed by the sender's self-signing key,
 *     itself signed by their master key
 * @param masterKey the sender's current master public key, or null if they have none
 * @param body the plain {@code body}
 * @param formattedBody the {@code formatted_body}, or null
 * @param sentAt the event's {@code origin_server_ts}
 */
public record DecisionFacts(
        RoomId roomId,
        EventId eventId,
        UserId sender,
        DeviceId device,
        boolean joined,
        boolean deviceCrossSigned,
        String masterKey,
        String body,
        String formattedBody,
        Instant sentAt) {
    public DecisionFacts {
        Objects.requireNonNull(eventId, "event id");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(sentAt, "sent at");
        body = body == null ? "" : body;
    }

    @Override
    public String toString() {
        // The body can be long and is evidence, not log material.
        return "DecisionFacts[" + eventId + " from " + sender + "/" + device + "]";
    }
}
