package org.compliancebot.bridge.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.compliancebot.bridge.crypto.megolm.DecryptedGroupMessage;
import org.compliancebot.bridge.crypto.megolm.InboundGroupSession;
import org.compliancebot.bridge.crypto.megolm.MegolmRatchet;
import org.compliancebot.bridge.crypto.megolm.OutboundGroupSession;
import org.compliancebot.bridge.crypto.olm.Account;
import org.compliancebot.bridge.crypto.olm.InboundSessionResult;
import org.compliancebot.bridge.crypto.olm.PreKeyMessage;
import org.compliancebot.bridge.crypto.olm.Session;
import org.compliancebot.bridge.crypto.primitives.Curve25519KeyPair;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.crypto.primitives.HkdfSha256;
import org.compliancebot.bridge.crypto.primitives.MessageCipher;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;
import org.junit.jupiter.api.Test;

/**
 * The printed form of every key-holding class must not contain its secrets. The secrets are taken
 * from each object's persisted state (every 32-byte window of it, minus the public keys it may
 * legitimately show) and looked for in hex and base64.
 */
class NoSecretsInToStringTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static void assertHidden(Object subject, byte[] secrets, List<byte[]> publicValues) {
        String printed = subject.toString();
        for (int off = 0; off + 16 <= secrets.length; off++) {
            byte[] window = Arrays.copyOfRange(secrets, off, Math.min(secrets.length, off + 32));
            byte[] probe = Arrays.copyOf(window, 16);
            if (publicValues.stream().anyMatch(p -> containsAt(p, probe))) {
                continue;
            }
            assertThat(printed).as("%s shows secret bytes at %d", subject.getClass().getSimpleName(), off)
                    .doesNotContainIgnoringCase(HexFormat.of().formatHex(probe))
                    .doesNotContain(UnpaddedBase64.encode(probe).substring(0, 20));
        }
    }

    private static boolean containsAt(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void key_pairs_and_cipher() {
        Curve25519KeyPair c = Curve25519KeyPair.generate(RANDOM);
        assertHidden(c, c.secretBytes(), List.of());
        Ed25519KeyPair e = Ed25519KeyPair.generate(RANDOM);
        assertHidden(e, e.seedBytes(), List.of());
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        byte[] derived = HkdfSha256.derive(null, key, "OLM_KEYS".getBytes(StandardCharsets.US_ASCII), 80);
        MessageCipher cipher = MessageCipher.olm(key);
        assertHidden(cipher, derived, List.of());
        assertHidden(cipher, key, List.of());
    }

    @Test
    void olm_account_and_sessions() throws Exception {
        Account bob = Account.create();
        bob.generateOneTimeKeys(3);
        bob.generateFallbackKey();
        Account alice = Account.create();
        Session a = alice.createOutboundSession(bob.identityKeys().curve25519(),
                bob.unpublishedOneTimeKeys().values().iterator().next());
        PreKeyMessage m = (PreKeyMessage) a.encrypt("x".getBytes(StandardCharsets.UTF_8));
        InboundSessionResult r = bob.createInboundSession(m, null);
        a.decrypt(r.session().encrypt("y".getBytes(StandardCharsets.UTF_8)));

        assertHidden(bob, bob.toBytes(), List.of());
        assertHidden(alice, alice.toBytes(), List.of());
        List<byte[]> sessionPublics = List.of(m.identityKey().toBytes(), m.baseKey().toBytes(), m.oneTimeKey().toBytes());
        assertHidden(a, a.toBytes(), sessionPublics);
        assertHidden(r.session(), r.session().toBytes(), sessionPublics);
        assertHidden(r, r.session().toBytes(), sessionPublics);
    }

    @Test
    void megolm_sessions_keys_and_ratchet() throws Exception {
        OutboundGroupSession out = OutboundGroupSession.create(RANDOM);
        InboundGroupSession in = InboundGroupSession.create(out.sessionKey());
        DecryptedGroupMessage d = in.decrypt(out.encrypt(new byte[10]));
        List<byte[]> publicKey = List.of(in.signingKey().toBytes());
        assertHidden(out, out.toBytes(), publicKey);
        assertHidden(in, in.toBytes(), publicKey);
        assertHidden(out.sessionKey(), out.sessionKey().toBytes(), publicKey);
        assertHidden(in.exportAt(1), in.exportAt(1).toBytes(), publicKey);
        MegolmRatchet ratchet = MegolmRatchet.of(Arrays.copyOfRange(in.exportAt(1).toBytes(), 5, 133), 1);
        assertHidden(ratchet, ratchet.value(), List.of());
        assertHidden(d, in.toBytes(), publicKey);
    }
}
