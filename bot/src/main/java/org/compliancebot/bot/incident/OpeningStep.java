package org.compliancebot.bot.incident;

/**
 * How far the opening of an incident's room has come. Each step is stored once its effect is done,
 * so a retry continues where the last attempt stopped. {@link #CREATING_ROOM} is written before the
 * room is created: createRoom is not idempotent, so a retry from that step first looks the room up
 * by its alias.
 */
public enum OpeningStep {
    RECORDED, CREATING_ROOM, ROOM_CREATED, SECURED, INVITED, REPORTED, OPENED;

    public boolean isBefore(OpeningStep other) {
        return compareTo(other) < 0;
    }
}
