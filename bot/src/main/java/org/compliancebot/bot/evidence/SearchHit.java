package org.compliancebot.bot.evidence;

/** One message found by the discussion search. */
public record SearchHit(String roomId, String eventId, String sender, long originServerTs, String body) {}
