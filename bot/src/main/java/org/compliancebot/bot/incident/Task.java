package org.compliancebot.bot.incident;

import java.time.Instant;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.UserId;

/** A remediation task recorded with {@code !assign}; numbered from 1 per incident. */
public record Task(int number, UserId assignee, String text, UserId assignedBy, Instant at, EventId eventId) {}
