package org.compliancebot.bridge.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.compliancebot.bridge.api.Direction;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MessagesPage;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.RoomId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the hole a {@code limited} timeline leaves: pages {@code /messages} backwards from the
 * timeline's {@code prev_batch} until it meets the last event already handed over, the room's
 * creation, or the start of history, and returns what it found in chronological order.
 */
final class GapFiller {
    private static final Logger log = LoggerFactory.getLogger(GapFiller.class);
    private static final int PAGE = 100;

    private final MatrixClient client;
    private final int maxEvents;

    GapFiller(MatrixClient client, int maxEvents) {
        this.client = client;
        this.maxEvents = maxEvents;
    }

    /**
     * @param stopAt the last event id handed over for this room, or null to go back to the creation
     */
    List<RoomEvent> backfill(RoomId room, String prevBatch, String stopAt, SyncParser parser) {
        List<RoomEvent> newestFirst = new ArrayList<>();
        String from = prevBatch;
        boolean done = false;
        while (!done) {
            MessagesPage page = client.messages(room, from, Direction.BACKWARD, PAGE, null);
            List<JsonNode> chunk = page.chunk();
            JsonNode arr = client.mapper().valueToTree(chunk);
            for (RoomEvent e : parser.events(room, arr)) {
                if (e.eventId().value().equals(stopAt)) {
                    done = true;
                    break;
                }
                newestFirst.add(e);
                if ("m.room.create".equals(e.type())) {
                    done = true;
                    break;
                }
            }
            if (!page.hasMore()) {
                done = true;
            }
            if (newestFirst.size() >= maxEvents) {
                log.warn("Gap in {} is larger than {} events; older events are not backfilled", room, maxEvents);
                done = true;
            }
            from = page.end();
        }
        Collections.reverse(newestFirst);
        log.info("Backfilled {} events in {}", newestFirst.size(), room);
        return newestFirst;
    }
}
