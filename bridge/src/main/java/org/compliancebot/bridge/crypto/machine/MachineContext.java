package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bridge.crypto.json.JsonSigning;
import org.compliancebot.bridge.crypto.olm.OlmEnvelope;
import org.compliancebot.bridge.crypto.olm.OlmPayload;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.UserId;

/** The parts of one machine, shared by its handlers. Not thread-safe; the machine's caller serialises access. */
final class MachineContext {
    static final SecureRandom RANDOM = new SecureRandom();

    final UserId user;
    final DeviceId device;
    final SharingPolicy policy;
    final Clock clock;
    final StateChanges changes = new StateChanges();
    final DeviceTracker devices = new DeviceTracker(changes);
    final OlmSessions olm = new OlmSessions(changes);
    final InboundGroupSessions inbound = new InboundGroupSessions(changes);
    final OutboundGroups outbound = new OutboundGroups(changes);
    final Rooms rooms = new Rooms(changes);
    final PendingEvents pending = new PendingEvents(changes);
    final ToDeviceQueue toDevice = new ToDeviceQueue(changes);
    /** Events whose room key arrived in this round, decrypted, for the caller to deliver. */
    final List<RoomEvent> lateDecrypted = new ArrayList<>();
    /** Devices (by Curve25519 key) the server had no one-time key for, and when we asked. */
    final Map<Curve25519PublicKey, Long> claimFailed = new HashMap<>();
    OwnDevice own;
    OwnCrossSigning crossSigning;

    MachineContext(UserId user, DeviceId device, SharingPolicy policy, Clock clock) {
        this.user = user;
        this.device = device;
        this.policy = policy;
        this.clock = clock;
    }

    void saveCrossSigning() {
        changes.put(StateKind.CROSS_SIGNING, "own", crossSigning.toBytes());
    }

    /** Our device keys, with the self-signing key's signature once cross-signing is set up. */
    ObjectNode signedDeviceKeys() {
        ObjectNode keys = own.deviceKeys();
        if (crossSigning != null && crossSigning.keysUploaded) {
            keys = JsonSigning.sign(keys, user.value(), "ed25519:" + crossSigning.selfSigningKey().toBase64(),
                    b -> crossSigningSelfSign(b));
        }
        return keys;
    }

    private byte[] crossSigningSelfSign(byte[] bytes) {
        return crossSigning.signWithSelfSigningKey(bytes);
    }

    /** Olm-encrypts one to-device event for {@code target}, or empty when we have no session with it. */
    Optional<ObjectNode> olmEncrypt(DeviceKeys target, String type, ObjectNode content) {
        byte[] plain = OlmPayload.build(type, content, user, own.identity().ed25519(), target.user(), target.ed25519());
        ObjectNode payload = Json.parseObject(plain).orElseThrow();
        payload.set("sender_device_keys", signedDeviceKeys());
        return olm.encrypt(target.curve25519(), Json.bytes(payload)).map(m -> new OlmEnvelope(own.identity().curve25519(),
                Map.of(target.curve25519().toBase64(), OlmEnvelope.Ciphertext.of(m))).toJson());
    }
}
