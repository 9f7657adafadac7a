package org.compliancebot.bridge.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * What one {@code /sync} brought, ready to apply. {@code timeline} holds only events not handed over
 * before, in server order within each room, with any gap already backfilled. The crypto layer reads
 * {@code toDevice}, the device list changes and the key counts.
 *
 * @param state         state events of the rooms' {@code state} sections (not de-duplicated)
 * @param invites       rooms we were invited to in this batch, with the inviter
 * @param left          rooms we left or were removed from
 * @param oneTimeKeyCounts {@code device_one_time_keys_count}; empty when the server sent none
 * @param unusedFallbackKeyTypes {@code device_unused_fallback_key_types}, or null when the server sent none
 */
public record SyncBatch(
        String since,
        String nextBatch,
        List<RoomEvent> timeline,
        List<RoomEvent> state,
        List<Invite> invites,
        List<RoomId> left,
        List<JsonNode> toDevice,
        List<UserId> deviceListsChanged,
        List<UserId> deviceListsLeft,
        Map<String, Integer> oneTimeKeyCounts,
        List<String> unusedFallbackKeyTypes) {

    /** An invitation seen in sync. */
    public record Invite(RoomId roomId, UserId inviter) {}

    public boolean isEmpty() {
        return timeline.isEmpty() && state.isEmpty() && invites.isEmpty() && left.isEmpty() && toDevice.isEmpty()
                && deviceListsChanged.isEmpty() && deviceListsLeft.isEmpty();
    }
}
