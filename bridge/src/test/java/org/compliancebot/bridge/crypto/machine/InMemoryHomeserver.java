package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.UserId;

/**
 * The key endpoints of a homeserver, in memory, for tests that run two machines against each other:
 * keys upload, query and claim, cross-signing and signature upload, and to-device delivery.
 */
final class InMemoryHomeserver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, ObjectNode> deviceKeys = new LinkedHashMap<>();
    private final Map<String, List<Map.Entry<String, JsonNode>>> oneTimeKeys = new HashMap<>();
    private final Map<String, Map.Entry<String, JsonNode>> fallbackKeys = new HashMap<>();
    private final Map<String, ObjectNode> masterKeys = new HashMap<>();
    private final Map<String, ObjectNode> selfSigningKeys = new HashMap<>();
    private final Map<String, List<JsonNode>> inbox = new HashMap<>();

    private static String key(String user, String device) {
        return user + "|" + device;
    }

    /** Sends every outgoing request of {@code m} (as the glue would) until none is left. */
    void flush(OlmMachine m) {
        for (int round = 0; round < 5; round++) {
            List<OutgoingRequest> requests = m.outgoingRequests();
            if (requests.isEmpty()) {
                return;
            }
            for (OutgoingRequest r : requests) {
                m.markRequestAsSent(r, handle(m.userId(), m.deviceId(), r));
            }
        }
    }

    JsonNode handle(UserId user, DeviceId device, OutgoingRequest r) {
        return switch (r) {
            case OutgoingRequest.KeysUpload u -> upload(user, device, u.body());
            case OutgoingRequest.KeysQuery q -> query(q.body());
            case OutgoingRequest.KeysClaim c -> claim(c.body());
            case OutgoingRequest.ToDevice t -> toDevice(user, t.eventType(), t.body());
            case OutgoingRequest.SignatureUpload s -> signatures(s.body());
        };
    }

    private JsonNode upload(UserId user, DeviceId device, ObjectNode body) {
        String k = key(user.value(), device.value());
        if (body.has("device_keys")) {
            deviceKeys.put(k, (ObjectNode) body.get("device_keys").deepCopy());
        }
        List<Map.Entry<String, JsonNode>> otks = oneTimeKeys.computeIfAbsent(k, x -> new ArrayList<>());
        body.path("one_time_keys").fields().forEachRemaining(otks::add);
        body.path("fallback_keys").fields().forEachRemaining(e -> fallbackKeys.put(k, e));
        ObjectNode r = JSON.createObjectNode();
        r.putObject("one_time_key_counts").put("signed_curve25519", otks.size());
        return r;
    }

    private JsonNode query(ObjectNode body) {
        ObjectNode r = JSON.createObjectNode();
        ObjectNode dk = r.putObject("device_keys");
        ObjectNode mk = r.putObject("master_keys");
        ObjectNode ssk = r.putObject("self_signing_keys");
        body.path("device_keys").fieldNames().forEachRemaining(u -> {
            ObjectNode forUser = dk.putObject(u);
            deviceKeys.forEach((k, v) -> {
                if (k.startsWith(u + "|")) {
                    forUser.set(k.substring(u.length() + 1), v.deepCopy());
                }
            });
            if (masterKeys.containsKey(u)) {
                mk.set(u, masterKeys.get(u));
                ssk.set(u, selfSigningKeys.get(u));
            }
        });
        return r;
    }

    private JsonNode claim(ObjectNode body) {
        ObjectNode r = JSON.createObjectNode();
        ObjectNode out = r.putObject("one_time_keys");
        body.path("one_time_keys").fields().forEachRemaining(u -> u.getValue().fieldNames().forEachRemaining(d -> {
            String k = key(u.getKey(), d);
            List<Map.Entry<String, JsonNode>> list = oneTimeKeys.getOrDefault(k, new ArrayList<>());
            Map.Entry<String, JsonNode> picked = list.isEmpty() ? fallbackKeys.get(k) : list.remove(0);
            if (picked != null) {
                ObjectNode forUser = out.has(u.getKey()) ? (ObjectNode) out.get(u.getKey()) : out.putObject(u.getKey());
                forUser.putObject(d).set(picked.getKey(), picked.getValue());
            }
        }));
        return r;
    }

    private JsonNode toDevice(UserId sender, String type, ObjectNode body) {
        body.path("messages").fields().forEachRemaining(u -> u.getValue().fields().forEachRemaining(d -> {
            ObjectNode ev = JSON.createObjectNode();
            ev.put("type", type);
            ev.put("sender", sender.value());
            ev.set("content", d.getValue());
            inbox.computeIfAbsent(key(u.getKey(), d.getKey()), x -> new ArrayList<>()).add(ev);
        }));
        return JSON.createObjectNode();
    }

    private JsonNode signatures(ObjectNode body) {
        body.fields().forEachRemaining(u -> u.getValue().fields().forEachRemaining(d -> {
            ObjectNode stored = deviceKeys.get(key(u.getKey(), d.getKey()));
            ObjectNode sigs = (ObjectNode) stored.path("signatures").path(u.getKey());
            sigs.setAll((ObjectNode) d.getValue().path("signatures").path(u.getKey()));
        }));
        return JSON.createObjectNode().putObject("failures");
    }

    /** Accepts a cross-signing upload (no auth needed here). */
    void uploadCrossSigning(UserId user, ObjectNode body) {
        masterKeys.put(user.value(), (ObjectNode) body.get("master_key"));
        selfSigningKeys.put(user.value(), (ObjectNode) body.get("self_signing_key"));
    }

    /** Takes the to-device events waiting for a device. */
    List<JsonNode> takeInbox(UserId user, DeviceId device) {
        List<JsonNode> out = inbox.remove(key(user.value(), device.value()));
        return out == null ? List.of() : out;
    }

    int oneTimeKeyCount(UserId user, DeviceId device) {
        return oneTimeKeys.getOrDefault(key(user.value(), device.value()), List.of()).size();
    }

    /** Removes the cross-signing signature a device got, as if it were never cross-signed. */
    void dropSignatures(UserId user, DeviceId device) {
        ObjectNode stored = deviceKeys.get(key(user.value(), device.value()));
        ObjectNode sigs = (ObjectNode) stored.path("signatures").path(user.value());
        for (Iterator<String> it = sigs.fieldNames(); it.hasNext(); ) {
            if (!it.next().equals("ed25519:" + device.value())) {
                it.remove();
            }
        }
    }
}
