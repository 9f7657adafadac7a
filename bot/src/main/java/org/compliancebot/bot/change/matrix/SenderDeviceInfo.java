package org.compliancebot.bot.change.matrix;

import org.compliancebot.bridge.event.EncryptionInfo;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.DeviceId;

/**
 * What the encryption layer knows about the device that sent an event: which device, whether its
 * owner's master key cross-signs it, and that master key. Authority is never taken from here, only the
 * strength of the sender's device; an event that was not end-to-end encrypted is never cross-signed.
 */
@FunctionalInterface
public interface SenderDeviceInfo {
    SenderDevice lookup(RoomEvent event);

    /**
     * The sending device of one event.
     *
     * @param device null when unknown (for example, an event that was not encrypted)
     * @param crossSigned the device is signed by the sender's self-signing key under their master key
     * @param masterKey the sender's cross-signing master key (unpadded base64), or null if none is known
     */
    record SenderDevice(DeviceId device, boolean crossSigned, String masterKey) {
        /** Nothing known: no device, not cross-signed, no master key. */
        public static final SenderDevice UNKNOWN = new SenderDevice(null, false, null);
    }

    /** Nothing is known about any event: no device, never cross-signed. */
    SenderDeviceInfo NONE = event -> SenderDevice.UNKNOWN;

    /**
     * From the decryption of the event ({@link RoomEvent#encryption()}): the device that created the
     * Megolm session, cross-signed only if its owner's self-signing key (under the master key) signs it
     * and the room key came from that device itself. An event that was not encrypted is unknown.
     */
    SenderDeviceInfo FROM_ENCRYPTION = event -> {
        EncryptionInfo info = event.encryption();
        if (info == null || !info.sender().equals(event.sender())) {
            return SenderDevice.UNKNOWN;
        }
        return new SenderDevice(info.senderDevice().orElse(null), info.isTrusted(), info.senderMasterKey().orElse(null));
    };
}
