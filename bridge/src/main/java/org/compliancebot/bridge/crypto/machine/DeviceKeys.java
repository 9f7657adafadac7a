package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.compliancebot.bridge.crypto.json.JsonSigning;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.UserId;

/**
 * A device's published keys, checked: {@code user_id} and {@code device_id} match where the keys were
 * listed, and the device's own Ed25519 signature verifies. Public data only.
 *
 * @param crossSigned signed by the owner's self-signing key, itself signed by the owner's master key
 * @param json        the signed device-keys object as the server returned it
 */
public record DeviceKeys(UserId user, DeviceId device, Curve25519PublicKey curve25519, Ed25519PublicKey ed25519,
                         boolean crossSigned, ObjectNode json) {

    /** Checks a {@code device_keys} object listed under {@code user}/{@code device}; empty when invalid. */
    static Optional<DeviceKeys> verify(UserId user, DeviceId device, ObjectNode json) {
        if (!user.value().equals(Json.text(json, "user_id")) || !device.value().equals(Json.text(json, "device_id"))) {
            return Optional.empty();
        }
        Optional<Ed25519PublicKey> ed = Json.ed(Json.text(json.path("keys"), "ed25519:" + device.value()));
        Optional<Curve25519PublicKey> curve = Json.curve(Json.text(json.path("keys"), "curve25519:" + device.value()));
        if (ed.isEmpty() || curve.isEmpty()) {
            return Optional.empty();
        }
        if (!JsonSigning.verify(json, user.value(), "ed25519:" + device.value(), ed.get())) {
            return Optional.empty();
        }
        return Optional.of(new DeviceKeys(user, device, curve.get(), ed.get(), false, json));
    }

    DeviceKeys withCrossSigned(boolean value) {
        return new DeviceKeys(user, device, curve25519, ed25519, value, json);
    }

    @Override
    public String toString() {
        return "DeviceKeys[" + user + " " + device + ", crossSigned=" + crossSigned + "]";
    }
}
