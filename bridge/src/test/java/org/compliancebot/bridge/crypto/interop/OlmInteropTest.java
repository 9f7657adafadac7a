package org.compliancebot.bridge.crypto.interop;

import static org.assertj.core.api.Assertions.assertThat;

import de.connect2x.trixnity.vodozemac.olm.OlmMessage.Normal;
import de.connect2x.trixnity.vodozemac.olm.OlmMessage.PreKey;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.compliancebot.bridge.crypto.olm.Account;
import org.compliancebot.bridge.crypto.olm.AnyOlmMessage;
import org.compliancebot.bridge.crypto.olm.InboundSessionResult;
import org.compliancebot.bridge.crypto.olm.OlmMessage;
import org.compliancebot.bridge.crypto.olm.PreKeyMessage;
import org.compliancebot.bridge.crypto.olm.Session;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.junit.jupiter.api.Test;

/** Differential tests of our Olm against vodozemac: pre-key sessions and replies in both directions. */
class OlmInteropTest {

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static de.connect2x.trixnity.vodozemac.olm.OlmMessage.Bytes theirs(AnyOlmMessage m) {
        return m.type() == AnyOlmMessage.TYPE_PRE_KEY
                ? PreKey.Bytes.Companion.invoke(m.toBytes())
                : Normal.Bytes.Companion.invoke(m.toBytes());
    }

    private static AnyOlmMessage ours(de.connect2x.trixnity.vodozemac.olm.OlmMessage.Bytes m) throws Exception {
        return m instanceof PreKey ? PreKeyMessage.decode(m.getBytes()) : OlmMessage.decode(m.getBytes());
    }

    @Test
    void we_start_a_session_with_vodozemac_and_talk_both_ways() throws Exception {
        de.connect2x.trixnity.vodozemac.olm.Account bob = de.connect2x.trixnity.vodozemac.olm.Account.Companion.invoke();
        bob.generateOneTimeKeys(1);
        Map.Entry<String, de.connect2x.trixnity.vodozemac.Curve25519PublicKey> otk =
                bob.getOneTimeKeys().entrySet().iterator().next();
        bob.markKeysAsPublished();

        Account alice = Account.create();
        Session ours = alice.createOutboundSession(
                Curve25519PublicKey.fromBytes(bob.getCurve25519Key().getBytes()),
                Curve25519PublicKey.fromBytes(otk.getValue().getBytes()));

        AnyOlmMessage first = ours.encrypt(text("hello bob"));
        assertThat(first.type()).isEqualTo(AnyOlmMessage.TYPE_PRE_KEY);
        AnyOlmMessage second = ours.encrypt(text("still pre-key"));
        assertThat(second.type()).isEqualTo(AnyOlmMessage.TYPE_PRE_KEY);

        var created = bob.createInboundSession((PreKey.Bytes) theirs(first),
                de.connect2x.trixnity.vodozemac.Curve25519PublicKey.Companion.invoke(
                        alice.identityKeys().curve25519().toBytes()));
        de.connect2x.trixnity.vodozemac.olm.Session bobSession = created.getSession();
        assertThat(created.getPlaintext().getValue()).isEqualTo(text("hello bob"));
        assertThat(bobSession.getSessionId()).isEqualTo(ours.sessionId());
        assertThat(bobSession.decrypt(theirs(second))).isEqualTo(text("still pre-key"));

        // Replies in both directions, including several messages in a row and out of order.
        for (int round = 0; round < 4; round++) {
            var r1 = bobSession.encrypt(text("bob " + round + "a"));
            var r2 = bobSession.encrypt(text("bob " + round + "b"));
            assertThat(ours.decrypt(ours(r2))).isEqualTo(text("bob " + round + "b"));
            assertThat(ours.decrypt(ours(r1))).isEqualTo(text("bob " + round + "a"));
            assertThat(ours.hasReceivedMessage()).isTrue();
            AnyOlmMessage a = ours.encrypt(text("alice " + round));
            assertThat(a.type()).isEqualTo(AnyOlmMessage.TYPE_NORMAL);
            assertThat(bobSession.decrypt(theirs(a))).isEqualTo(text("alice " + round));
        }
        // Persisted and restored, the session keeps working.
        Session restored = Session.fromBytes(ours.toBytes());
        AnyOlmMessage after = restored.encrypt(text("after restore"));
        assertThat(bobSession.decrypt(theirs(after))).isEqualTo(text("after restore"));
    }

    @Test
    void vodozemac_starts_a_session_with_us_and_we_talk_both_ways() throws Exception {
        Account bob = Account.create();
        Map<String, Curve25519PublicKey> otks = bob.generateOneTimeKeys(3);
        bob.markKeysAsPublished();
        Curve25519PublicKey otk = otks.values().iterator().next();

        de.connect2x.trixnity.vodozemac.olm.Account alice = de.connect2x.trixnity.vodozemac.olm.Account.Companion.invoke();
        de.connect2x.trixnity.vodozemac.olm.Session theirs = alice.createOutboundSession(
                de.connect2x.trixnity.vodozemac.Curve25519PublicKey.Companion.invoke(bob.identityKeys().curve25519().toBytes()),
                de.connect2x.trixnity.vodozemac.Curve25519PublicKey.Companion.invoke(otk.toBytes()),
                Vodozemac.olmV1());

        var first = theirs.encrypt(text("hello from vodozemac"));
        PreKeyMessage preKey = (PreKeyMessage) ours(first);
        Curve25519PublicKey aliceKey = Curve25519PublicKey.fromBytes(alice.getCurve25519Key().getBytes());
        InboundSessionResult result = bob.createInboundSession(preKey, aliceKey);
        Session ours = result.session();
        assertThat(result.plaintext()).isEqualTo(text("hello from vodozemac"));
        assertThat(ours.sessionId()).isEqualTo(theirs.getSessionId());
        assertThat(ours.matchesInboundSessionFrom(aliceKey, preKey)).isTrue();
        assertThat(bob.storedOneTimeKeyCount()).isEqualTo(2);

        // A second pre-key message goes to the existing session.
        var second = theirs.encrypt(text("second"));
        PreKeyMessage secondPreKey = (PreKeyMessage) ours(second);
        assertThat(ours.matchesInboundSession(secondPreKey)).isTrue();
        assertThat(ours.decrypt(secondPreKey)).isEqualTo(text("second"));

        for (int round = 0; round < 4; round++) {
            AnyOlmMessage reply = ours.encrypt(text("bob " + round));
            assertThat(reply.type()).isEqualTo(AnyOlmMessage.TYPE_NORMAL);
            assertThat(theirs.decrypt(theirs(reply))).isEqualTo(text("bob " + round));
            var back1 = theirs.encrypt(text("alice " + round + "a"));
            var back2 = theirs.encrypt(text("alice " + round + "b"));
            assertThat(ours.decrypt(ours(back1))).isEqualTo(text("alice " + round + "a"));
            assertThat(ours.decrypt(ours(back2))).isEqualTo(text("alice " + round + "b"));
        }
    }

    @Test
    void vodozemac_uses_our_fallback_key() throws Exception {
        Account bob = Account.create();
        Curve25519PublicKey fallback = bob.generateFallbackKey().getValue();
        bob.markKeysAsPublished();
        de.connect2x.trixnity.vodozemac.olm.Account alice = de.connect2x.trixnity.vodozemac.olm.Account.Companion.invoke();
        de.connect2x.trixnity.vodozemac.olm.Session theirs = alice.createOutboundSession(
                de.connect2x.trixnity.vodozemac.Curve25519PublicKey.Companion.invoke(bob.identityKeys().curve25519().toBytes()),
                de.connect2x.trixnity.vodozemac.Curve25519PublicKey.Companion.invoke(fallback.toBytes()),
                Vodozemac.olmV1());
        PreKeyMessage m = (PreKeyMessage) ours(theirs.encrypt(text("via fallback")));
        assertThat(bob.createInboundSession(m, null).plaintext()).isEqualTo(text("via fallback"));
    }
}
