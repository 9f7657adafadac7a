package org.compliancebot.bridge.crypto.megolm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.compliancebot.bridge.crypto.interop.MegolmVectors;
import org.compliancebot.bridge.id.EventId;
import org.junit.jupiter.api.Test;

/** Ratchet advance, group session round trips, decrypt errors, persistence and replay detection. */
class MegolmTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void ratchet_matches_pinned_vectors() {
        for (long index : MegolmVectors.INDICES) {
            MegolmRatchet r = MegolmRatchet.of(MegolmVectors.initialRatchet(), 0);
            r.advanceTo(index);
            assertThat(r.value()).as("index %d", index).isEqualTo(MegolmVectors.expectedRatchet(index));
        }
    }

    @Test
    void advance_to_equals_single_steps_across_byte_boundaries() {
        MegolmRatchet stepped = MegolmRatchet.of(MegolmVectors.initialRatchet(), 0xfff0);
        MegolmRatchet jumped = stepped.copy();
        for (int i = 0; i < 0x300; i++) {
            stepped.advance();
        }
        jumped.advanceTo(0xfff0 + 0x300);
        assertThat(jumped).isEqualTo(stepped);
        assertThatThrownBy(() -> jumped.advanceTo(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encrypt_decrypt_out_of_order_and_after_restore() throws Exception {
        OutboundGroupSession out = OutboundGroupSession.create(RANDOM);
        InboundGroupSession in = InboundGroupSession.create(SessionKey.fromBase64(out.sessionKey().toBase64()));
        MegolmMessage m0 = out.encrypt(bytes("zero"));
        MegolmMessage m1 = out.encrypt(bytes("one"));
        MegolmMessage m2 = out.encrypt(bytes("two"));
        assertThat(in.decrypt(m2).plaintext()).isEqualTo(bytes("two"));
        assertThat(in.decrypt(m0).plaintext()).isEqualTo(bytes("zero"));
        assertThat(in.decrypt(MegolmMessage.fromBase64(m1.toBase64())).messageIndex()).isEqualTo(1);

        OutboundGroupSession outRestored = OutboundGroupSession.fromBytes(out.toBytes());
        InboundGroupSession inRestored = InboundGroupSession.fromBytes(in.toBytes());
        assertThat(outRestored.messageIndex()).isEqualTo(3);
        MegolmMessage m3 = outRestored.encrypt(bytes("three"));
        assertThat(inRestored.decrypt(m3).plaintext()).isEqualTo(bytes("three"));
        assertThat(inRestored.decrypt(m0).plaintext()).isEqualTo(bytes("zero"));
    }

    @Test
    void refuses_indices_before_the_first_known_one() throws Exception {
        OutboundGroupSession out = OutboundGroupSession.create(RANDOM);
        MegolmMessage early = out.encrypt(bytes("early"));
        InboundGroupSession late = InboundGroupSession.create(out.sessionKey());
        assertThat(late.firstKnownIndex()).isEqualTo(1);
        assertThatThrownBy(() -> late.decrypt(early))
                .isInstanceOfSatisfying(MegolmDecryptException.UnknownMessageIndex.class, e -> {
                    assertThat(e.firstKnown()).isEqualTo(1);
                    assertThat(e.requested()).isEqualTo(0);
                });
        assertThatThrownBy(() -> late.exportAt(0)).isInstanceOf(MegolmDecryptException.UnknownMessageIndex.class);
    }

    @Test
    void signature_is_checked_before_the_mac() throws Exception {
        OutboundGroupSession out = OutboundGroupSession.create(RANDOM);
        InboundGroupSession in = InboundGroupSession.create(out.sessionKey());
        byte[] raw = out.encrypt(bytes("payload")).toBytes();
        raw[raw.length - 70] ^= 1; // inside the MAC, covered by the signature
        assertThatThrownBy(() -> in.decrypt(MegolmMessage.decode(raw))).isInstanceOf(MegolmDecryptException.Signature.class);

        // A message signed by the right key but from a different ratchet fails on the MAC.
        InboundGroupSession other = InboundGroupSession.importSession(MegolmVectors.fixedExport());
        MegolmMessage foreign = OutboundGroupSession.create(RANDOM).encrypt(bytes("x"));
        assertThatThrownBy(() -> other.decrypt(foreign)).isInstanceOf(MegolmDecryptException.Signature.class);
    }

    @Test
    void tampered_session_key_is_refused() throws Exception {
        byte[] key = OutboundGroupSession.create(RANDOM).sessionKey().toBytes();
        key[20] ^= 1;
        assertThatThrownBy(() -> SessionKey.decode(key)).isInstanceOf(SessionKeyDecodeException.Signature.class);
        assertThatThrownBy(() -> ExportedSessionKey.decode(key)).isInstanceOf(SessionKeyDecodeException.WrongLength.class);
        assertThatThrownBy(() -> SessionKey.fromBase64("***")).isInstanceOf(SessionKeyDecodeException.Base64.class);
    }

    @Test
    void replay_guard_refuses_an_index_reused_by_another_event() throws Exception {
        ReplayGuard guard = new ReplayGuard();
        EventId first = EventId.of("$first");
        assertThat(guard.check("s1", 4, first)).isEqualTo(ReplayGuard.Verdict.FIRST_USE);
        assertThat(guard.check("s1", 4, first)).isEqualTo(ReplayGuard.Verdict.SAME_EVENT);
        assertThat(guard.check("s1", 4, EventId.of("$second"))).isEqualTo(ReplayGuard.Verdict.REPLAY);
        assertThat(guard.check("s2", 4, EventId.of("$second"))).isEqualTo(ReplayGuard.Verdict.FIRST_USE);

        ReplayGuard restored = ReplayGuard.fromBytes(guard.toBytes());
        assertThat(restored.size()).isEqualTo(2);
        assertThat(restored.check("s1", 4, EventId.of("$third"))).isEqualTo(ReplayGuard.Verdict.REPLAY);
        restored.forgetSession("s1");
        assertThat(restored.check("s1", 4, EventId.of("$third"))).isEqualTo(ReplayGuard.Verdict.FIRST_USE);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
