package org.compliancebot.bot.incident.matrix;

import java.sql.Connection;
import org.compliancebot.bot.app.EventRouter;
import org.compliancebot.bot.incident.IncidentStore;
import org.compliancebot.bot.incident.RoomActivity;
import org.compliancebot.bridge.event.RoomEvent;

/** Feeds the events of incident rooms to {@link RoomActivity}, in the sync transaction. */
final class IncidentRoomListener implements EventRouter.EventListener {
    private final IncidentStore store;
    private final RoomActivity activity;

    IncidentRoomListener(IncidentStore store, RoomActivity activity) {
        this.store = store;
        this.activity = activity;
    }

    @Override
    public void onEvent(RoomEvent event, Connection tx) {
        store.findByRoom(event.roomId()).ifPresent(i -> activity.apply(i, event));
    }
}
