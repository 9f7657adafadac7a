package org.compliancebot.bot.incident;

/**
 * The decrypted form of an end-to-end encrypted room event.
 *
 * @param type         the cleartext event type, e.g. {@code m.room.message}
 * @param contentJson  the cleartext content as JSON
 * @param senderDevice the device that sent it, when known, else null
 */
public record Cleartext(String type, String contentJson, String senderDevice) {}
