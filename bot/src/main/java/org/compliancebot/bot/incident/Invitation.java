package org.compliancebot.bot.incident;

import org.compliancebot.bot.roles.Role;
import org.compliancebot.bridge.id.UserId;

/**
 * One person the bot invites to an incident room, once per incident.
 *
 * @param role     the role that brought them in
 * @param severity the severity whose rule added them
 */
public record Invitation(UserId user, Role role, Severity severity, State state) {
    /** PENDING until the homeserver accepted the invite (or reported the user already in the room). */
    public enum State { PENDING, SENT }
}
