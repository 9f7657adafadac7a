package org.compliancebot.bridge.e2ee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bridge.api.HttpTransport;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.crypto.machine.OutgoingRequest;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.outbox.EventTransformer;

/**
 * The outbox hook: events for an encrypted room leave as {@code m.room.encrypted}. Before encrypting,
 * the room's members and their devices are brought up to date, Olm sessions are claimed where missing,
 * and the room key is sent to every device that lacks it. Any failure throws, so the outbox retries
 * later; plaintext never goes into an encrypted room.
 */
final class EncryptingTransformer implements EventTransformer {
    private final MatrixClient client;
    private final MachineHolder holder;
    private final RequestSender sender;
    private final E2ee e2ee;

    EncryptingTransformer(MatrixClient client, MachineHolder holder, RequestSender sender, E2ee e2ee) {
        this.client = client;
        this.holder = holder;
        this.sender = sender;
        this.e2ee = e2ee;
    }

    @Override
    public Wire transform(RoomId room, String type, JsonNode content) {
        synchronized (e2ee.sendLock()) {
            if (!isEncrypted(room)) {
                return new Wire(type, content);
            }
            if (!holder.use(m -> m.membersLoaded(room))) {
                loadMembers(room);
            }
            Optional<OutgoingRequest.KeysQuery> query = holder.use(m -> m.keysQuery());
            query.ifPresent(q -> markSent(q, sender.send(q)));
            Optional<OutgoingRequest.KeysClaim> claim = holder.use(m -> m.missingSessions(room));
            claim.ifPresent(c -> markSent(c, sender.send(c)));
            // Share, and encrypt right away when nothing needs sending first: one transaction per message.
            Optional<ObjectNode> direct = holder.use(m -> {
                m.shareRoomKey(room);
                return !m.hasQueuedToDevice() ? Optional.of(m.encrypt(room, type, content)) : Optional.empty();
            });
            if (direct.isPresent()) {
                return new Wire("m.room.encrypted", direct.get());
            }
            e2ee.flushOutgoing();
            ObjectNode encrypted = holder.use(m -> m.encrypt(room, type, content));
            return new Wire("m.room.encrypted", encrypted);
        }
    }

    private void markSent(OutgoingRequest r, JsonNode answer) {
        holder.use(m -> {
            m.markRequestAsSent(r, answer);
            return null;
        });
    }

    private boolean isEncrypted(RoomId room) {
        Optional<Boolean> known = holder.use(m -> m.isRoomEncrypted(room));
        if (known.isPresent()) {
            return known.get();
        }
        Optional<JsonNode> state = client.getState(room, "m.room.encryption", "");
        holder.use(m -> {
            m.setRoomEncryption(room, state.filter(ObjectNode.class::isInstance).map(ObjectNode.class::cast).orElse(null));
            return null;
        });
        return holder.use(m -> m.isRoomEncrypted(room)).orElse(false);
    }

    private void loadMembers(RoomId room) {
        JsonNode r = client.getJson("/_matrix/client/v3/rooms/" + HttpTransport.seg(room.value()) + "/members",
                Map.of("not_membership", "leave"));
        Map<UserId, String> members = new LinkedHashMap<>();
        for (JsonNode ev : r.path("chunk")) {
            try {
                members.put(UserId.of(ev.path("state_key").asText()), ev.path("content").path("membership").asText());
            } catch (IllegalArgumentException ignored) {
                // not a user id: not a member
            }
        }
        String visibility = client.getState(room, "m.room.history_visibility", "")
                .map(v -> v.path("history_visibility").asText("shared")).orElse("shared");
        holder.use(m -> {
            m.setHistoryVisibility(room, visibility);
            m.setRoomMembers(room, members);
            return null;
        });
    }
}
