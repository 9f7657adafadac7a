package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.compliancebot.bridge.crypto.json.JsonSigning;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.crypto.state.StateDecodeException;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.UserId;

/**
 * Other users' devices and cross-signing keys, from {@code /keys/query}. A user is tracked while we
 * share an encrypted room or receive keys from them; {@code device_lists.changed} marks them outdated.
 * A device whose Ed25519 key changes under the same device id is refused (the old keys are kept).
 */
final class DeviceTracker {
    /** One user's keys. */
    static final class UserKeys {
        boolean outdated = true;
        ObjectNode masterJson;
        ObjectNode selfSigningJson;
        Ed25519PublicKey master;
        /** Set only when it is signed by {@link #master}. */
        Ed25519PublicKey selfSigning;
        final Map<DeviceId, DeviceKeys> devices = new LinkedHashMap<>();
    }

    private final Map<UserId, UserKeys> users = new HashMap<>();
    private final StateChanges changes;

    DeviceTracker(StateChanges changes) {
        this.changes = changes;
    }

    void track(UserId user) {
        if (!users.containsKey(user)) {
            users.put(user, new UserKeys());
            save(user);
        }
    }

    boolean isTracked(UserId user) {
        return users.containsKey(user);
    }

    void markChanged(UserId user) {
        UserKeys u = users.get(user);
        if (u != null && !u.outdated) {
            u.outdated = true;
            save(user);
        }
    }

    void untrack(UserId user) {
        if (users.remove(user) != null) {
            changes.delete(StateKind.USER_KEYS, user.value());
        }
    }

    Set<UserId> outdated() {
        Set<UserId> out = new LinkedHashSet<>();
        users.forEach((u, k) -> {
            if (k.outdated) {
                out.add(u);
            }
        });
        return out;
    }

    static ObjectNode queryBody(Collection<UserId> which) {
        ObjectNode body = Json.object();
        ObjectNode keys = body.putObject("device_keys");
        which.forEach(u -> keys.putArray(u.value()));
        body.put("timeout", 10_000);
        return body;
    }

    /**
     * Applies a {@code /keys/query} answer for {@code queried}. Returns the users who lost a device, so
     * the caller can rotate room keys they held.
     */
    Set<UserId> applyQuery(Collection<UserId> queried, JsonNode response) {
        Set<UserId> lostDevice = new HashSet<>();
        for (UserId user : queried) {
            UserKeys u = users.get(user);
            if (u == null) {
                continue;
            }
            u.outdated = false;
            JsonNode devices = response.path("device_keys").path(user.value());
            if (devices.isObject()) {
                Map<DeviceId, DeviceKeys> fresh = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = devices.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    DeviceId id;
                    try {
                        id = DeviceId.of(e.getKey());
                    } catch (IllegalArgumentException ex) {
                        continue;
                    }
                    if (!(e.getValue() instanceof ObjectNode json)) {
                        continue;
                    }
                    Optional<DeviceKeys> keys = DeviceKeys.verify(user, id, json);
                    DeviceKeys old = u.devices.get(id);
                    if (keys.isEmpty()) {
                        continue;
                    }
                    if (old != null && !old.ed25519().equals(keys.get().ed25519())) {
                        fresh.put(id, old);
                    } else {
                        fresh.put(id, keys.get());
                    }
                }
                if (!fresh.keySet().containsAll(u.devices.keySet())) {
                    lostDevice.add(user);
                }
                u.devices.clear();
                u.devices.putAll(fresh);
            }
            applyCrossSigning(user, u, response.path("master_keys").path(user.value()),
                    response.path("self_signing_keys").path(user.value()));
            save(user);
        }
        return lostDevice;
    }

    private static void applyCrossSigning(UserId user, UserKeys u, JsonNode master, JsonNode selfSigning) {
        u.masterJson = master instanceof ObjectNode m ? m : null;
        u.selfSigningJson = selfSigning instanceof ObjectNode s ? s : null;
        u.master = u.masterJson == null ? null : crossSigningKey(user, u.masterJson, "master").orElse(null);
        u.selfSigning = null;
        if (u.master != null && u.selfSigningJson != null) {
            Optional<Ed25519PublicKey> ssk = crossSigningKey(user, u.selfSigningJson, "self_signing");
            if (ssk.isPresent() && JsonSigning.verify(u.selfSigningJson, user.value(),
                    "ed25519:" + u.master.toBase64(), u.master)) {
                u.selfSigning = ssk.get();
            }
        }
        u.devices.replaceAll((id, d) -> d.withCrossSigned(u.selfSigning != null
                && JsonSigning.verify(d.json(), user.value(), "ed25519:" + u.selfSigning.toBase64(), u.selfSigning)));
    }

    /** The single Ed25519 key of a cross-signing key object with the given usage. */
    static Optional<Ed25519PublicKey> crossSigningKey(UserId user, JsonNode json, String usage) {
        if (!user.value().equals(Json.text(json, "user_id"))) {
            return Optional.empty();
        }
        boolean hasUsage = false;
        for (JsonNode n : json.path("usage")) {
            hasUsage |= usage.equals(n.asText());
        }
        JsonNode keys = json.path("keys");
        if (!hasUsage || keys.size() != 1) {
            return Optional.empty();
        }
        Map.Entry<String, JsonNode> only = keys.fields().next();
        Optional<Ed25519PublicKey> key = Json.ed(only.getValue().asText(null));
        return key.filter(k -> only.getKey().equals("ed25519:" + k.toBase64()));
    }

    Optional<DeviceKeys> device(UserId user, DeviceId device) {
        UserKeys u = users.get(user);
        return u == null ? Optional.empty() : Optional.ofNullable(u.devices.get(device));
    }

    Optional<DeviceKeys> deviceByCurve(UserId user, Curve25519PublicKey curve) {
        UserKeys u = users.get(user);
        if (u == null) {
            return Optional.empty();
        }
        return u.devices.values().stream().filter(d -> d.curve25519().equals(curve)).findFirst();
    }

    Collection<DeviceKeys> devices(UserId user) {
        UserKeys u = users.get(user);
        return u == null ? java.util.List.of() : java.util.List.copyOf(u.devices.values());
    }

    Optional<Ed25519PublicKey> masterKey(UserId user) {
        UserKeys u = users.get(user);
        return u == null ? Optional.empty() : Optional.ofNullable(u.master);
    }

    private void save(UserId user) {
        UserKeys u = users.get(user);
        ObjectNode o = Json.object();
        o.put("outdated", u.outdated);
        if (u.masterJson != null) {
            o.set("master", u.masterJson);
        }
        if (u.selfSigningJson != null) {
            o.set("self_signing", u.selfSigningJson);
        }
        ObjectNode devices = o.putObject("devices");
        u.devices.forEach((id, d) -> devices.set(id.value(), d.json()));
        changes.put(StateKind.USER_KEYS, user.value(), Json.bytes(o));
    }

    void load(Map<String, byte[]> stored) throws StateDecodeException {
        for (Map.Entry<String, byte[]> e : stored.entrySet()) {
            UserId user = UserId.of(e.getKey());
            ObjectNode o = Json.parseState(e.getValue());
            UserKeys u = new UserKeys();
            u.outdated = o.path("outdated").asBoolean(true);
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("devices").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> d = it.next();
                DeviceId id = DeviceId.of(d.getKey());
                DeviceKeys.verify(user, id, (ObjectNode) d.getValue()).ifPresent(k -> u.devices.put(id, k));
            }
            applyCrossSigning(user, u, o.path("master"), o.path("self_signing"));
            users.put(user, u);
        }
    }
}
