package org.compliancebot.bridge.crypto.olm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.id.UserId;
import org.junit.jupiter.api.Test;

class OlmPayloadTest {
    private final UserId alice = UserId.of("@alice:example.org");
    private final UserId bot = UserId.of("@bot:example.org");
    private final Ed25519PublicKey aliceKey = Account.create().identityKeys().ed25519();
    private final Ed25519PublicKey botKey = Account.create().identityKeys().ed25519();

    private byte[] payload() {
        ObjectNode content = JsonNodeFactory.instance.objectNode().put("room_id", "!r:example.org");
        return OlmPayload.build("m.room_key", content, alice, aliceKey, bot, botKey);
    }

    @Test
    void accepts_a_payload_that_matches() throws Exception {
        OlmPayload p = OlmPayload.parse(payload(), alice, bot, botKey, aliceKey);
        assertThat(p.type()).isEqualTo("m.room_key");
        assertThat(p.content().path("room_id").textValue()).isEqualTo("!r:example.org");
        assertThat(p.senderEd25519()).isEqualTo(aliceKey);
        assertThat(p.senderDeviceKeys()).isEmpty();
    }

    @Test
    void refuses_each_mismatch_by_name() {
        byte[] p = payload();
        Ed25519PublicKey stranger = Account.create().identityKeys().ed25519();
        assertThatThrownBy(() -> OlmPayload.parse(p, bot, bot, botKey, aliceKey)).isInstanceOf(OlmPayloadException.WrongSender.class);
        assertThatThrownBy(() -> OlmPayload.parse(p, alice, alice, botKey, aliceKey)).isInstanceOf(OlmPayloadException.WrongRecipient.class);
        assertThatThrownBy(() -> OlmPayload.parse(p, alice, bot, stranger, aliceKey)).isInstanceOf(OlmPayloadException.WrongRecipientKey.class);
        assertThatThrownBy(() -> OlmPayload.parse(p, alice, bot, botKey, stranger)).isInstanceOf(OlmPayloadException.WrongSenderKey.class);
        assertThatThrownBy(() -> OlmPayload.parse("[]".getBytes(StandardCharsets.UTF_8), alice, bot, botKey, null))
                .isInstanceOf(OlmPayloadException.Malformed.class);
    }

    @Test
    void envelope_round_trips_through_json() throws Exception {
        Account bob = Account.create();
        var otk = bob.generateOneTimeKeys(1).values().iterator().next();
        Account sender = Account.create();
        Session s = sender.createOutboundSession(bob.identityKeys().curve25519(), otk);
        AnyOlmMessage m = s.encrypt(payload());
        OlmEnvelope envelope = new OlmEnvelope(sender.identityKeys().curve25519(),
                Map.of(bob.identityKeys().curve25519().toBase64(), OlmEnvelope.Ciphertext.of(m)));
        OlmEnvelope parsed = OlmEnvelope.fromJson(envelope.toJson());
        AnyOlmMessage received = parsed.forDevice(bob.identityKeys().curve25519()).orElseThrow().decode();
        byte[] plaintext = bob.createInboundSession((PreKeyMessage) received, parsed.senderKey()).plaintext();
        assertThat(OlmPayload.parse(plaintext, alice, bot, botKey, aliceKey).type()).isEqualTo("m.room_key");
    }
}
