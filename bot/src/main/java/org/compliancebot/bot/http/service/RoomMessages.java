package org.compliancebot.bot.http.service;

import com.fasterxml.jackson.databind.JsonNode;

/** Posts the bot's own messages: into a room it has joined, or as a notice to the oversight room. */
public interface RoomMessages {
    /** Posts {@code text} (Markdown-free plain text) to a room the bot has joined; returns {@code event_id} and {@code room_id}. */
    JsonNode post(String roomId, String text, String actor);

    /** Posts a notice about a pipeline step to the oversight room; returns {@code event_id} and {@code room_id}. */
    JsonNode oversightNotice(String pipelineId, String step, JsonNode metadata, String actor);
}
