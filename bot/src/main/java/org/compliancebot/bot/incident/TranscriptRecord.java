package org.compliancebot.bot.incident;

import java.time.Instant;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * One event of an incident room's history, kept as evidence of the incident.
 *
 * @param senderDevice     the sending device when the event says (encrypted events do), else null
 * @param decrypted        true when {@code content} is the cleartext: the event was decrypted, or was never encrypted
 * @param decryptionError  why an encrypted event could not be decrypted, else null
 * @param contentJson      the content as JSON: the cleartext when decrypted, else the content as received
 * @param rawJson          the event exactly as the server delivered it
 */
public record TranscriptRecord(IncidentId incidentId, RoomId roomId, EventId eventId, String eventType, UserId sender,
                               String senderDevice, long originServerTs, Instant receivedAt, boolean decrypted,
                               String decryptionError, String contentJson, String rawJson) {}
