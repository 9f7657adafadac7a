package org.compliancebot.bot.incident.matrix;

import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.OpeningStep;
import org.compliancebot.bridge.id.RoomId;

/** Called between the steps of opening a room; lets tests inject faults there. Production uses {@link #NONE}. */
public interface StepHook {
    /** After {@code step} has been stored for {@code id}. */
    default void afterStep(IncidentId id, OpeningStep step) {}

    /** After createRoom returned {@code room}, before the room id is stored. */
    default void roomCreated(IncidentId id, RoomId room) {}

    StepHook NONE = new StepHook() { };
}
