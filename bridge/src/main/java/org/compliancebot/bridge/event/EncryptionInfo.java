package org.compliancebot.bridge.event;

import java.util.Objects;
import java.util.Optional;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.UserId;

/**
 * How an end-to-end encrypted room event was protected, as the decryption found it. Attached to a
 * decrypted {@link RoomEvent}; only public keys, never secrets.
 *
 * <p>To act on an event as coming from a particular person's device (an approval, say), require
 * {@link #senderDevice()} to be present, {@link #crossSignedByOwner()} to be true, and pin
 * {@link #senderMasterKey()}: a master key that differs from the one pinned earlier means the user's
 * identity was reset.
 *
 * @param sender             the event's {@code sender}, which is also the owner of the Megolm session
 * @param senderDevice       the device that created the Megolm session, when its keys are known
 * @param senderCurve25519   the sending device's Curve25519 identity key (unpadded base64)
 * @param senderEd25519      the sending device's Ed25519 key (unpadded base64), checked against its device keys
 * @param senderMasterKey    the sender's cross-signing master key (unpadded base64), when published
 * @param crossSignedByOwner the device is signed by the sender's self-signing key, which the master key signs
 * @param sessionId          the Megolm session id
 * @param messageIndex       the Megolm message index
 * @param authenticated      true when the room key came from its creator over Olm (not forwarded)
 * @param relationCopied     true when the plaintext had no {@code m.relates_to} and the decrypted content carries
 *                           the one from the event's clear part; remove it to get the plaintext exactly
 */
public record EncryptionInfo(UserId sender, Optional<DeviceId> senderDevice, String senderCurve25519,
                             String senderEd25519, Optional<String> senderMasterKey, boolean crossSignedByOwner,
                             String sessionId, long messageIndex, boolean authenticated,
                             boolean relationCopied) {
    public EncryptionInfo {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(senderDevice, "senderDevice");
        Objects.requireNonNull(senderMasterKey, "senderMasterKey");
    }

    /** True when the event may be taken as sent by {@code sender} from a device its owner cross-signed. */
    public boolean isTrusted() {
        return senderDevice.isPresent() && crossSignedByOwner && authenticated;
    }
}
