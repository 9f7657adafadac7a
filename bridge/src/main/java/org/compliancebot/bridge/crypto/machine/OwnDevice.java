package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bridge.crypto.json.JsonSigning;
import org.compliancebot.bridge.crypto.olm.Account;
import org.compliancebot.bridge.crypto.olm.IdentityKeys;
import org.compliancebot.bridge.crypto.olm.OlmEnvelope;
import org.compliancebot.bridge.crypto.state.StateDecodeException;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.UserId;

/**
 * Our device: the Olm account, its signed device keys, and keeping one-time and fallback keys
 * published. One-time keys are topped up to half of what the account stores whenever the server's
 * count drops below that; a fallback key is kept published and replaced once the server reports it used.
 */
final class OwnDevice {
    static final String MEGOLM = "m.megolm.v1.aes-sha2";
    static final String SIGNED_CURVE = "signed_curve25519";

    final UserId user;
    final DeviceId device;
    final Account account;
    private final StateChanges changes;
    private boolean deviceKeysUploaded;
    /** The server's count of our unclaimed one-time keys; -1 until it told us. */
    private int serverKeyCount = -1;

    OwnDevice(UserId user, DeviceId device, Account account, boolean uploaded, StateChanges changes) {
        this.user = user;
        this.device = device;
        this.account = account;
        this.deviceKeysUploaded = uploaded;
        this.changes = changes;
    }

    static OwnDevice create(UserId user, DeviceId device, StateChanges changes) {
        OwnDevice d = new OwnDevice(user, device, Account.create(), false, changes);
        d.account.generateFallbackKey();
        d.save();
        return d;
    }

    IdentityKeys identity() {
        return account.identityKeys();
    }

    String keyId() {
        return "ed25519:" + device.value();
    }

    /** Our signed device keys, as uploaded. */
    ObjectNode deviceKeys() {
        ObjectNode o = Json.object();
        o.put("user_id", user.value());
        o.put("device_id", device.value());
        o.putArray("algorithms").add(OlmEnvelope.ALGORITHM).add(MEGOLM);
        ObjectNode keys = o.putObject("keys");
        keys.put("curve25519:" + device.value(), identity().curve25519().toBase64());
        keys.put("ed25519:" + device.value(), identity().ed25519().toBase64());
        return JsonSigning.sign(o, user.value(), keyId(), account::sign);
    }

    boolean deviceKeysUploaded() {
        return deviceKeysUploaded;
    }

    void markNotUploaded() {
        deviceKeysUploaded = false;
        serverKeyCount = 0;
        save();
    }

    /** Takes the server's key counts from sync or an upload answer. */
    void updateCounts(Map<String, Integer> counts, List<String> unusedFallbackTypes) {
        if (counts != null && !counts.isEmpty()) {
            serverKeyCount = counts.getOrDefault(SIGNED_CURVE, 0);
        }
        if (unusedFallbackTypes != null && !unusedFallbackTypes.contains(SIGNED_CURVE)
                && account.unpublishedFallbackKey().isEmpty() && deviceKeysUploaded) {
            account.generateFallbackKey();
            save();
        }
    }

    /** The {@code /keys/upload} body when something is unpublished, topping up one-time keys first. */
    Optional<ObjectNode> uploadBody() {
        int target = account.maxNumberOfOneTimeKeys();
        int known = serverKeyCount < 0 ? (deviceKeysUploaded ? target : 0) : serverKeyCount;
        if (known < target && account.unpublishedOneTimeKeys().isEmpty()) {
            account.generateOneTimeKeys(target - known);
            save();
        }
        var otks = account.unpublishedOneTimeKeys();
        var fallback = account.unpublishedFallbackKey();
        if (deviceKeysUploaded && otks.isEmpty() && fallback.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode body = Json.object();
        if (!deviceKeysUploaded) {
            body.set("device_keys", deviceKeys());
        }
        if (!otks.isEmpty()) {
            ObjectNode map = body.putObject("one_time_keys");
            otks.forEach((id, key) -> map.set(SIGNED_CURVE + ":" + id, signedKey(key.toBase64(), false)));
        }
        fallback.ifPresent(f -> body.putObject("fallback_keys").set(SIGNED_CURVE + ":" + f.getKey(),
                signedKey(f.getValue().toBase64(), true)));
        return Optional.of(body);
    }

    private ObjectNode signedKey(String key, boolean fallback) {
        ObjectNode o = Json.object().put("key", key);
        if (fallback) {
            o.put("fallback", true);
        }
        return JsonSigning.sign(o, user.value(), keyId(), account::sign);
    }

    /** After a successful upload of {@code body}. */
    void uploaded(JsonNode response) {
        account.markKeysAsPublished();
        deviceKeysUploaded = true;
        JsonNode counts = response.path("one_time_key_counts");
        if (counts.isObject()) {
            serverKeyCount = counts.path(SIGNED_CURVE).asInt(0);
        }
        save();
    }

    void save() {
        ObjectNode o = Json.object();
        o.put("account", Json.base64(account.toBytes()));
        o.put("uploaded", deviceKeysUploaded);
        o.put("user", user.value());
        o.put("device", device.value());
        changes.put(StateKind.ACCOUNT, "account", Json.bytes(o));
    }

    static OwnDevice load(UserId user, DeviceId device, byte[] stored, StateChanges changes) throws StateDecodeException {
        ObjectNode o = Json.parseState(stored);
        if (!user.value().equals(Json.text(o, "user")) || !device.value().equals(Json.text(o, "device"))) {
            throw new StateDecodeException("the crypto store belongs to " + Json.text(o, "user") + " device "
                    + Json.text(o, "device") + ", not to " + user + " device " + device);
        }
        return new OwnDevice(user, device, Account.fromBytes(Json.base64(o, "account")),
                o.path("uploaded").asBoolean(false), changes);
    }

    @Override
    public String toString() {
        return "OwnDevice[" + user + " " + device + "]";
    }
}
