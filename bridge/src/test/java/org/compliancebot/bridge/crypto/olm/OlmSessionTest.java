package org.compliancebot.bridge.crypto.olm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.junit.jupiter.api.Test;

/** Olm sessions between two of our accounts: setup, out-of-order delivery, bounds, fallback keys. */
class OlmSessionTest {

    private record Pair(Account alice, Account bob, Session a, Session b) {}

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Pair establish() throws Exception {
        Account alice = Account.create();
        Account bob = Account.create();
        Curve25519PublicKey otk = bob.generateOneTimeKeys(1).values().iterator().next();
        Session a = alice.createOutboundSession(bob.identityKeys().curve25519(), otk);
        PreKeyMessage first = (PreKeyMessage) a.encrypt(text("hi"));
        InboundSessionResult r = bob.createInboundSession(first, alice.identityKeys().curve25519());
        assertThat(r.plaintext()).isEqualTo(text("hi"));
        return new Pair(alice, bob, a, r.session());
    }

    @Test
    void one_time_key_is_consumed_and_session_ids_agree() throws Exception {
        Pair p = establish();
        assertThat(p.a().sessionId()).isEqualTo(p.b().sessionId());
        assertThat(p.bob().storedOneTimeKeyCount()).isZero();
        PreKeyMessage again = (PreKeyMessage) p.a().encrypt(text("again"));
        assertThatThrownBy(() -> p.bob().createInboundSession(again, null))
                .isInstanceOf(SessionCreationException.MissingOneTimeKey.class);
        assertThat(p.b().decrypt(again)).isEqualTo(text("again"));
    }

    @Test
    void out_of_order_messages_decrypt_once() throws Exception {
        Pair p = establish();
        p.a().decrypt(p.b().encrypt(text("ack")));
        List<AnyOlmMessage> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(p.a().encrypt(text("m" + i)));
        }
        for (int i = 9; i >= 0; i--) {
            assertThat(p.b().decrypt(sent.get(i))).isEqualTo(text("m" + i));
        }
        assertThatThrownBy(() -> p.b().decrypt(sent.get(3)))
                .isInstanceOf(OlmDecryptException.MissingMessageKey.class);
    }

    @Test
    void skipped_keys_are_bounded_and_large_gaps_refused() throws Exception {
        Pair p = establish();
        p.a().decrypt(p.b().encrypt(text("ack")));
        List<AnyOlmMessage> sent = new ArrayList<>();
        for (int i = 0; i < ReceiverChain.MAX_SKIPPED_KEYS + 11; i++) {
            sent.add(p.a().encrypt(text("m" + i)));
        }
        assertThat(p.b().decrypt(sent.get(sent.size() - 1))).isEqualTo(text("m" + (sent.size() - 1)));
        // The oldest skipped keys beyond the bound were not kept; the newest 40 were.
        assertThatThrownBy(() -> p.b().decrypt(sent.get(0))).isInstanceOf(OlmDecryptException.MissingMessageKey.class);
        assertThat(p.b().decrypt(sent.get(sent.size() - 2))).isNotEmpty();
        assertThat(p.b().decrypt(sent.get(sent.size() - 1 - ReceiverChain.MAX_SKIPPED_KEYS))).isNotEmpty();

        AnyOlmMessage far = null;
        for (int i = 0; i <= Session.MAX_MESSAGE_GAP + 1; i++) {
            far = p.a().encrypt(text("far"));
        }
        AnyOlmMessage tooFar = far;
        assertThatThrownBy(() -> p.b().decrypt(tooFar)).isInstanceOf(OlmDecryptException.MessageGapTooLarge.class);
    }

    @Test
    void failed_decryption_leaves_the_session_unchanged() throws Exception {
        Pair p = establish();
        OlmMessage reply = (OlmMessage) p.b().encrypt(text("reply"));
        byte[] raw = reply.toBytes();
        raw[raw.length - 1] ^= 1;
        byte[] before = p.a().toBytes();
        assertThatThrownBy(() -> p.a().decrypt(OlmMessage.decode(raw))).isInstanceOf(OlmDecryptException.InvalidMac.class);
        assertThat(p.a().toBytes()).isEqualTo(before);
        assertThat(p.a().decrypt(reply)).isEqualTo(text("reply"));
    }

    @Test
    void fallback_key_survives_use_and_rotation_until_forgotten() throws Exception {
        Account bob = Account.create();
        Curve25519PublicKey fallback = bob.generateFallbackKey().getValue();
        assertThat(bob.unpublishedFallbackKey()).isPresent();
        bob.markKeysAsPublished();
        assertThat(bob.unpublishedFallbackKey()).isEmpty();
        Account alice = Account.create();
        for (int i = 0; i < 2; i++) {
            Session a = alice.createOutboundSession(bob.identityKeys().curve25519(), fallback);
            assertThat(bob.createInboundSession((PreKeyMessage) a.encrypt(text("fb" + i)), null).plaintext())
                    .isEqualTo(text("fb" + i));
        }
        bob.generateFallbackKey();
        Session late = alice.createOutboundSession(bob.identityKeys().curve25519(), fallback);
        PreKeyMessage lateMessage = (PreKeyMessage) late.encrypt(text("late"));
        Account restored = Account.fromBytes(bob.toBytes());
        assertThat(restored.createInboundSession(lateMessage, null).plaintext()).isEqualTo(text("late"));
        assertThat(restored.forgetOldFallbackKey()).isTrue();
        assertThatThrownBy(() -> restored.createInboundSession(lateMessage, null))
                .isInstanceOf(SessionCreationException.MissingOneTimeKey.class);
    }

    @Test
    void identity_key_must_match_the_envelope() throws Exception {
        Account bob = Account.create();
        Curve25519PublicKey otk = bob.generateOneTimeKeys(1).values().iterator().next();
        Session a = Account.create().createOutboundSession(bob.identityKeys().curve25519(), otk);
        PreKeyMessage m = (PreKeyMessage) a.encrypt(text("x"));
        assertThatThrownBy(() -> bob.createInboundSession(m, Account.create().identityKeys().curve25519()))
                .isInstanceOf(SessionCreationException.MismatchedIdentityKey.class);
        assertThat(bob.storedOneTimeKeyCount()).isEqualTo(1);
    }

    @Test
    void one_time_keys_are_listed_until_published_and_capped() {
        Account account = Account.create();
        assertThat(account.generateOneTimeKeys(5)).hasSize(5);
        assertThat(account.unpublishedOneTimeKeys()).hasSize(5);
        account.markKeysAsPublished();
        assertThat(account.unpublishedOneTimeKeys()).isEmpty();
        account.generateOneTimeKeys(Account.MAX_STORED_ONE_TIME_KEYS);
        assertThat(account.storedOneTimeKeyCount()).isEqualTo(Account.MAX_STORED_ONE_TIME_KEYS);
        assertThat(account.unpublishedOneTimeKeys()).hasSize(Account.MAX_STORED_ONE_TIME_KEYS);
        assertThat(account.maxNumberOfOneTimeKeys()).isEqualTo(50);
    }

    @Test
    void sessions_survive_persistence_mid_conversation() throws Exception {
        Pair p = establish();
        Session b = Session.fromBytes(p.b().toBytes());
        AnyOlmMessage reply = b.encrypt(text("r1"));
        Session a = Session.fromBytes(p.a().toBytes());
        assertThat(a.decrypt(reply)).isEqualTo(text("r1"));
        assertThat(Session.fromBytes(b.toBytes()).decrypt(a.encrypt(text("r2")))).isEqualTo(text("r2"));
    }
}
