package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import org.compliancebot.bridge.crypto.json.JsonSigning;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.crypto.state.StateDecodeException;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.UserId;

/**
 * The bot's own cross-signing identity: master, self-signing and user-signing keys. The master key
 * signs the other two; the self-signing key signs our device, which is what makes other clients
 * (Element) show the device as verified by its owner.
 */
final class OwnCrossSigning {
    private final Ed25519KeyPair master;
    private final Ed25519KeyPair selfSigning;
    private final Ed25519KeyPair userSigning;
    boolean keysUploaded;
    boolean deviceSigned;

    private OwnCrossSigning(Ed25519KeyPair master, Ed25519KeyPair selfSigning, Ed25519KeyPair userSigning) {
        this.master = master;
        this.selfSigning = selfSigning;
        this.userSigning = userSigning;
    }

    static OwnCrossSigning create(SecureRandom random) {
        return new OwnCrossSigning(Ed25519KeyPair.generate(random), Ed25519KeyPair.generate(random),
                Ed25519KeyPair.generate(random));
    }

    Ed25519PublicKey masterKey() {
        return master.publicKey();
    }

    Ed25519PublicKey selfSigningKey() {
        return selfSigning.publicKey();
    }

    private static ObjectNode keyObject(UserId user, String usage, Ed25519PublicKey key) {
        ObjectNode o = Json.object();
        o.put("user_id", user.value());
        o.putArray("usage").add(usage);
        o.putObject("keys").put("ed25519:" + key.toBase64(), key.toBase64());
        return o;
    }

    private static String id(Ed25519PublicKey key) {
        return "ed25519:" + key.toBase64();
    }

    byte[] signWithSelfSigningKey(byte[] message) {
        return selfSigning.sign(message);
    }

    /** The body of {@code /keys/device_signing/upload} (without {@code auth}); the device signs the master key too. */
    ObjectNode uploadBody(UserId user, DeviceId device, JsonSigning.Signer deviceSigner) {
        ObjectNode body = Json.object();
        ObjectNode mk = JsonSigning.sign(keyObject(user, "master", master.publicKey()), user.value(), id(master.publicKey()),
                master::sign);
        body.set("master_key", JsonSigning.sign(mk, user.value(), "ed25519:" + device.value(), deviceSigner));
        body.set("self_signing_key", JsonSigning.sign(keyObject(user, "self_signing", selfSigning.publicKey()),
                user.value(), id(master.publicKey()), master::sign));
        body.set("user_signing_key", JsonSigning.sign(keyObject(user, "user_signing", userSigning.publicKey()),
                user.value(), id(master.publicKey()), master::sign));
        return body;
    }

    /** The body of {@code /keys/signatures/upload} with our device keys signed by the self-signing key. */
    ObjectNode deviceSignatureBody(UserId user, DeviceId device, ObjectNode deviceKeys) {
        ObjectNode signed = JsonSigning.sign(deviceKeys, user.value(), id(selfSigning.publicKey()), selfSigning::sign);
        ObjectNode onlyOurs = signed.deepCopy();
        ObjectNode sigs = Json.object();
        sigs.putObject(user.value()).put(id(selfSigning.publicKey()),
                signed.path("signatures").path(user.value()).path(id(selfSigning.publicKey())).asText());
        onlyOurs.set("signatures", sigs);
        ObjectNode body = Json.object();
        body.putObject(user.value()).set(device.value(), onlyOurs);
        return body;
    }

    byte[] toBytes() {
        ObjectNode o = Json.object();
        o.put("master", Json.base64(master.seedBytes()));
        o.put("self_signing", Json.base64(selfSigning.seedBytes()));
        o.put("user_signing", Json.base64(userSigning.seedBytes()));
        o.put("keys_uploaded", keysUploaded);
        o.put("device_signed", deviceSigned);
        return Json.bytes(o);
    }

    static OwnCrossSigning fromBytes(byte[] bytes) throws StateDecodeException {
        ObjectNode o = Json.parseState(bytes);
        OwnCrossSigning c = new OwnCrossSigning(Ed25519KeyPair.fromSeed(Json.base64(o, "master")),
                Ed25519KeyPair.fromSeed(Json.base64(o, "self_signing")), Ed25519KeyPair.fromSeed(Json.base64(o, "user_signing")));
        c.keysUploaded = o.path("keys_uploaded").asBoolean();
        c.deviceSigned = o.path("device_signed").asBoolean();
        return c;
    }

    @Override
    public String toString() {
        return "OwnCrossSigning[master=" + master.publicKey().toBase64() + ", uploaded=" + keysUploaded + "]";
    }
}
