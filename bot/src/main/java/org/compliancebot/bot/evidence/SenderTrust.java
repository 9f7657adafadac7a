package org.compliancebot.bot.evidence;

import java.util.Locale;

/** The cross-signing state of the sending device when the bot received the event. */
public enum SenderTrust {
    /** The device is signed by its owner's cross-signing identity, and that identity is verified. */
    VERIFIED,
    /** The device is signed by its owner's cross-signing identity, which is not verified by the bot. */
    CROSS_SIGNED,
    /** The device is not cross-signed. */
    UNSIGNED,
    /** The bot could not tell (no decryption, or a plain-text event). */
    UNKNOWN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SenderTrust fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
