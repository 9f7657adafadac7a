package org.compliancebot.bridge.crypto.machine;

/** Which devices receive our room keys. The others get {@code m.room_key.withheld} with code {@code m.unverified}. */
public enum SharingPolicy {
    /** Only devices signed by their owner's self-signing key (Element's "exclude insecure devices"). */
    CROSS_SIGNED_ONLY,
    /** Every device with valid device keys. */
    ALL_DEVICES
}
