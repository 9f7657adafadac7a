package org.compliancebot.bot.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.compliancebot.bot.http.service.ApiException;
import org.compliancebot.bot.http.service.RoomMessages;
import org.compliancebot.bot.text.Html;
import org.compliancebot.bot.watchdog.domain.Rendered;
import org.compliancebot.bot.watchdog.matrix.WatchdogRooms;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.outbox.Outbox;

/** {@link RoomMessages} through the outbox (paced like every other send of the bot). */
final class OutboxRoomMessages implements RoomMessages {
    private final MatrixClient client;
    private final Outbox outbox;
    private final WatchdogRooms rooms;
    private final ObjectMapper mapper;

    OutboxRoomMessages(MatrixClient client, Outbox outbox, WatchdogRooms rooms) {
        this.client = client;
        this.outbox = outbox;
        this.rooms = rooms;
        this.mapper = client.mapper();
    }

    @Override
    public JsonNode post(String roomId, String text, String actor) {
        RoomId room;
        try {
            room = RoomId.of(roomId);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("room_id is not a Matrix room id: " + roomId);
        }
        if (!client.joinedRooms().contains(room)) {
            throw new ApiException(404, "not_found", "the bot is not in room " + roomId);
        }
        ObjectNode content = mapper.createObjectNode().put("msgtype", "m.text").put("body", text);
        content.putObject("m.mentions");
        return answer(outbox.send("api:" + UUID.randomUUID(), room, "m.room.message", content), room);
    }

    @Override
    public JsonNode oversightNotice(String pipelineId, String step, JsonNode metadata, String actor) {
        RoomId room = rooms == null ? null : rooms.oversight().orElse(null);
        if (room == null) {
            throw ApiException.unavailable("the oversight room (rooms.human_oversight) is");
        }
        String t = "Pipeline " + pipelineId + " reached step \"" + step + "\" (reported by " + actor + ").";
        String meta = metadata == null || metadata.isEmpty() ? "" : "\nDetails: " + metadata;
        String html = "<p>" + Html.escape(t) + "</p>" + (meta.isEmpty() ? "" : "<pre><code>" + Html.escape(metadata.toPrettyString()) + "</code></pre>");
        ObjectNode content = mapper.createObjectNode().put("msgtype", "m.notice").put("body", t + meta)
                .put("format", "org.matrix.custom.html").put("formatted_body", html);
        content.putObject("m.mentions");
        return answer(outbox.send("api:" + UUID.randomUUID(), room, "m.room.message", content), room);
    }

    private JsonNode answer(EventId id, RoomId room) {
        return mapper.createObjectNode().put("event_id", id.value()).put("room_id", room.value());
    }
}
