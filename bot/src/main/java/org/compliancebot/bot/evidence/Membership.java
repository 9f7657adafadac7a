package org.compliancebot.bot.evidence;

/** Answers whether a user is a member of a room now; backs the access check of the discussion search. */
@FunctionalInterface
public interface Membership {
    boolean isMember(String userId, String roomId);
}
