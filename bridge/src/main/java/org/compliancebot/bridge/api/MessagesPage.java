package org.compliancebot.bridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of {@code GET /rooms/{roomId}/messages}. {@code end} is null when there is nothing more in
 * that direction: that, not an empty chunk, marks the end of history.
 */
public record MessagesPage(List<JsonNode> chunk, String start, String end, List<JsonNode> state) {
    public boolean hasMore() {
        return end != null;
    }
}
