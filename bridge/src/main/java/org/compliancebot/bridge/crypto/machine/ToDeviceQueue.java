package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancebot.bridge.crypto.state.StateDecodeException;

/**
 * To-device messages to send, persisted until the server accepted them. Each keeps its transaction
 * id, so a retry after a crash cannot deliver twice.
 */
final class ToDeviceQueue {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, OutgoingRequest.ToDevice> queue = new LinkedHashMap<>();
    private final StateChanges changes;

    ToDeviceQueue(StateChanges changes) {
        this.changes = changes;
    }

    /** Queues {@code messages} (user id to device id to content) of {@code eventType}. */
    void add(String eventType, ObjectNode messages) {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        String txn = "cbtd-" + HexFormat.of().formatHex(id);
        ObjectNode body = Json.object();
        body.set("messages", messages);
        OutgoingRequest.ToDevice r = new OutgoingRequest.ToDevice(txn, eventType, body);
        queue.put(txn, r);
        ObjectNode o = Json.object().put("type", eventType);
        o.set("body", body);
        changes.put(StateKind.OUTGOING, txn, Json.bytes(o));
    }

    List<OutgoingRequest.ToDevice> pending() {
        return new ArrayList<>(queue.values());
    }

    void sent(String id) {
        if (queue.remove(id) != null) {
            changes.delete(StateKind.OUTGOING, id);
        }
    }

    void load(Map<String, byte[]> stored) throws StateDecodeException {
        for (Map.Entry<String, byte[]> e : stored.entrySet()) {
            ObjectNode o = Json.parseState(e.getValue());
            queue.put(e.getKey(), new OutgoingRequest.ToDevice(e.getKey(), Json.text(o, "type"), (ObjectNode) o.get("body")));
        }
    }
}
