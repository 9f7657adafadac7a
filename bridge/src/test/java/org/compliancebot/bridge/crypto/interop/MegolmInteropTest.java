package org.compliancebot.bridge.crypto.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.connect2x.trixnity.vodozemac.megolm.GroupSession;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.compliancebot.bridge.crypto.megolm.DecryptedGroupMessage;
import org.compliancebot.bridge.crypto.megolm.ExportedSessionKey;
import org.compliancebot.bridge.crypto.megolm.InboundGroupSession;
import org.compliancebot.bridge.crypto.megolm.MegolmMessage;
import org.compliancebot.bridge.crypto.megolm.MegolmRatchet;
import org.compliancebot.bridge.crypto.state.StateWriter;
import org.compliancebot.bridge.crypto.megolm.OutboundGroupSession;
import org.compliancebot.bridge.crypto.megolm.SessionKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Differential tests of our Megolm against vodozemac, in both directions. */
class MegolmInteropTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 1000, 1 << 20})
    void ours_to_vodozemac_at_index(long index) throws Exception {
        // Our outbound session restored at the index from a known seed and the fixed ratchet moved there.
        MegolmRatchet ratchet = MegolmRatchet.of(MegolmVectors.initialRatchet(), 0);
        ratchet.advanceTo(index);
        OutboundGroupSession ours = OutboundGroupSession.fromBytes(new StateWriter("MGOS", 1)
                .fixed(MegolmVectors.seed()).u32(index).fixed(ratchet.value()).toBytes());
        assertThat(ours.messageIndex()).isEqualTo(index);

        // vodozemac learns the session at index 0 (export format) and at the index (sharing format).
        de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession fromStart =
                Vodozemac.importSession(MegolmVectors.fixedExport().toBytes());
        de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession shared = Vodozemac.inbound(ours.sessionKey().toBytes());
        assertThat(shared.getSessionId()).isEqualTo(ours.sessionId());
        assertThat(shared.getFirstKnownIndex()).isEqualTo((int) index);

        for (int i = 0; i < 3; i++) {
            MegolmMessage m = ours.encrypt(text("message " + i));
            assertThat(m.messageIndex()).isEqualTo(index + i);
            assertThat(Vodozemac.decrypt(fromStart, m.toBytes())).isEqualTo(text("message " + i));
            assertThat(Vodozemac.decryptIndex(shared, m.toBytes())).isEqualTo((int) (index + i));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, 1 << 20})
    void vodozemac_to_ours_at_index(int index) throws Exception {
        GroupSession theirs = Vodozemac.newGroupSession();
        SessionKey key = SessionKey.decode(theirs.getSessionKey().getBytes());
        InboundGroupSession ours = InboundGroupSession.create(key);
        assertThat(ours.sessionId()).isEqualTo(theirs.getSessionId());
        assertThat(ours.isAuthenticated()).isTrue();

        // Move vodozemac's outbound session to the index by encrypting, then share from there.
        if (index > 0) {
            de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession helper =
                    Vodozemac.inbound(theirs.getSessionKey().getBytes());
            byte[] exported = helper.exportAt(index).getBytes();
            InboundGroupSession oursAtIndex = InboundGroupSession.importSession(ExportedSessionKey.decode(exported));
            assertThat(oursAtIndex.firstKnownIndex()).isEqualTo(index);
            assertThat(oursAtIndex.isAuthenticated()).isFalse();
            // Our own ratchet, advanced from index 0, must equal vodozemac's export at that index.
            assertThat(ours.exportAt(index).toBytes()).isEqualTo(exported);
        }
        for (int i = 0; i < 3; i++) {
            byte[] m = theirs.encrypt(text("hello " + i)).getBytes();
            DecryptedGroupMessage d = ours.decrypt(MegolmMessage.decode(m));
            assertThat(new String(d.plaintext(), StandardCharsets.UTF_8)).isEqualTo("hello " + i);
            assertThat(d.messageIndex()).isEqualTo(i);
        }
    }

    @Test
    void messages_far_in_the_future_decrypt_on_both_sides() throws Exception {
        GroupSession theirs = Vodozemac.newGroupSession();
        InboundGroupSession ours = InboundGroupSession.create(SessionKey.decode(theirs.getSessionKey().getBytes()));
        byte[] m = null;
        for (int i = 0; i <= 1000; i++) {
            m = theirs.encrypt(text("n" + i)).getBytes();
        }
        DecryptedGroupMessage d = ours.decrypt(MegolmMessage.decode(m));
        assertThat(d.messageIndex()).isEqualTo(1000);
        assertThat(new String(d.plaintext(), StandardCharsets.UTF_8)).isEqualTo("n1000");
    }

    @Test
    void a_vodozemac_message_at_index_2_pow_20_decrypts_with_a_session_known_from_index_0() throws Exception {
        GroupSession theirs = Vodozemac.newGroupSession();
        InboundGroupSession ours = InboundGroupSession.create(SessionKey.decode(theirs.getSessionKey().getBytes()));
        // vodozemac's outbound session only moves by encrypting: about 2^20 encryptions, some seconds.
        byte[] empty = new byte[0];
        for (int i = 0; i < (1 << 20); i++) {
            theirs.encrypt(empty);
        }
        byte[] m = theirs.encrypt(text("at two to the twenty")).getBytes();
        DecryptedGroupMessage d = ours.decrypt(MegolmMessage.decode(m));
        assertThat(d.messageIndex()).isEqualTo(1 << 20);
        assertThat(new String(d.plaintext(), StandardCharsets.UTF_8)).isEqualTo("at two to the twenty");
    }

    @Test
    void exports_round_trip_both_ways() throws Exception {
        OutboundGroupSession out = OutboundGroupSession.create(RANDOM);
        InboundGroupSession ours = InboundGroupSession.create(out.sessionKey());
        for (int i = 0; i < 5; i++) {
            out.encrypt(text("skip"));
        }
        MegolmMessage m5 = out.encrypt(text("five"));

        // ours -> vodozemac export at 5 -> vodozemac decrypts index 5 and exports back at 5.
        de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession theirs =
                Vodozemac.importSession(ours.exportAt(5).toBytes());
        assertThat(Vodozemac.decrypt(theirs, m5.toBytes())).isEqualTo(text("five"));
        byte[] back = theirs.exportAt(5).getBytes();
        assertThat(back).isEqualTo(ours.exportAt(5).toBytes());
        InboundGroupSession reimported = InboundGroupSession.importSession(ExportedSessionKey.decode(back));
        assertThat(reimported.decrypt(m5).plaintext()).isEqualTo(text("five"));
        assertThatThrownBy(() -> reimported.exportAt(4))
                .isInstanceOf(org.compliancebot.bridge.crypto.megolm.MegolmDecryptException.UnknownMessageIndex.class);
    }

    @Test
    void ratchet_values_match_vodozemac_from_a_fixed_state() throws Exception {
        ExportedSessionKey fixed = MegolmVectors.fixedExport();
        de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession theirs = Vodozemac.importSession(fixed.toBytes());
        InboundGroupSession ours = InboundGroupSession.importSession(fixed);
        for (long index : MegolmVectors.INDICES) {
            byte[] theirExport = theirs.exportAt((int) index).getBytes();
            byte[] ourExport = ours.exportAt(index).toBytes();
            assertThat(ourExport).as("export at %d", index).isEqualTo(theirExport);
            assertThat(Arrays.copyOfRange(ourExport, 5, 133))
                    .as("ratchet at %d", index).isEqualTo(MegolmVectors.expectedRatchet(index));
        }
    }
}
