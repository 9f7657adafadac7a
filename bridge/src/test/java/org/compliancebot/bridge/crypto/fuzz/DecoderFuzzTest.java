package org.compliancebot.bridge.crypto.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.compliancebot.bridge.crypto.megolm.ExportedSessionKey;
import org.compliancebot.bridge.crypto.megolm.InboundGroupSession;
import org.compliancebot.bridge.crypto.megolm.MegolmDecodeException;
import org.compliancebot.bridge.crypto.megolm.MegolmDecryptException;
import org.compliancebot.bridge.crypto.megolm.MegolmMessage;
import org.compliancebot.bridge.crypto.megolm.OutboundGroupSession;
import org.compliancebot.bridge.crypto.megolm.SessionKey;
import org.compliancebot.bridge.crypto.megolm.SessionKeyDecodeException;
import org.compliancebot.bridge.crypto.olm.Account;
import org.compliancebot.bridge.crypto.olm.OlmDecodeException;
import org.compliancebot.bridge.crypto.olm.OlmDecryptException;
import org.compliancebot.bridge.crypto.olm.OlmMessage;
import org.compliancebot.bridge.crypto.olm.OlmPayload;
import org.compliancebot.bridge.crypto.olm.OlmPayloadException;
import org.compliancebot.bridge.crypto.olm.PreKeyMessage;
import org.compliancebot.bridge.crypto.olm.Session;
import org.compliancebot.bridge.crypto.olm.SessionCreationException;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.id.UserId;
import org.junit.jupiter.api.Test;

/**
 * Seeded random-mutation fuzzing of every decoder (Olm normal and pre-key messages, Megolm messages,
 * session-sharing and export keys, the Olm payload parser), with a sample of the decoded inputs also
 * run through decryption. Only the declared checked exceptions may come out; any runtime exception
 * fails the test and prints the seed and input.
 *
 * <p>Defaults to 1,000,000 inputs. A longer campaign: {@code -Dcrypto.fuzz.inputs=50000000
 * -Dcrypto.fuzz.seed=<n>}.
 */
class DecoderFuzzTest {
    private static final long INPUTS = Long.getLong("crypto.fuzz.inputs", 1_000_000L);
    private static final long SEED = Long.getLong("crypto.fuzz.seed", 0x5eed_c0de_2024L);

    private interface Target {
        void run(byte[] input) throws Exception;
    }

    private record Corpus(String name, byte[] valid, Target target) {}

    @Test
    void mutated_inputs_only_raise_declared_errors() throws Exception {
        SecureRandom keys = new SecureRandom();
        Account bob = Account.create();
        Curve25519PublicKey otk = bob.generateOneTimeKeys(1).values().iterator().next();
        Account alice = Account.create();
        Session aliceSession = alice.createOutboundSession(bob.identityKeys().curve25519(), otk);
        PreKeyMessage preKey = (PreKeyMessage) aliceSession.encrypt(bytes("first"));
        Session bobSession = bob.createInboundSession(preKey, null).session();
        aliceSession.decrypt(bobSession.encrypt(bytes("reply")));
        OlmMessage normal = (OlmMessage) aliceSession.encrypt(bytes("normal message"));

        OutboundGroupSession group = OutboundGroupSession.create(keys);
        InboundGroupSession inbound = InboundGroupSession.create(group.sessionKey());
        byte[] megolm = group.encrypt(new byte[200]).toBytes();
        byte[] sessionKey = group.sessionKey().toBytes();
        byte[] exported = inbound.exportAtFirstKnownIndex().toBytes();

        UserId sender = UserId.of("@alice:example.org");
        UserId recipient = UserId.of("@bot:example.org");
        Ed25519PublicKey senderKey = alice.identityKeys().ed25519();
        Ed25519PublicKey recipientKey = bob.identityKeys().ed25519();
        byte[] payload = OlmPayload.build("m.room_key", JsonNodeFactory.instance.objectNode().put("a", 1),
                sender, senderKey, recipient, recipientKey);

        long[] decryptTick = {0};
        List<Corpus> corpora = List.of(
                new Corpus("olm message", normal.toBytes(), in -> {
                    OlmMessage m = OlmMessage.decode(in);
                    if (decryptTick[0]++ % 16 == 0) {
                        Session.fromBytes(bobSession.toBytes()).decrypt(m);
                    }
                }),
                new Corpus("pre-key message", preKey.toBytes(), in -> {
                    PreKeyMessage m = PreKeyMessage.decode(in);
                    if (decryptTick[0]++ % 64 == 0) {
                        Account.fromBytes(bob.toBytes()).createInboundSession(m, null);
                    }
                }),
                new Corpus("megolm message", megolm, in -> {
                    MegolmMessage m = MegolmMessage.decode(in);
                    if (decryptTick[0]++ % 64 == 0) {
                        inbound.decrypt(m);
                    }
                }),
                new Corpus("session key", sessionKey, SessionKey::decode),
                new Corpus("exported session key", exported, in -> InboundGroupSession.importSession(ExportedSessionKey.decode(in))),
                new Corpus("olm payload", payload, in -> OlmPayload.parse(in, sender, recipient, recipientKey, senderKey)));

        Random random = new Random(SEED);
        long declared = 0;
        long accepted = 0;
        long start = System.nanoTime();
        for (long i = 0; i < INPUTS; i++) {
            Corpus c = corpora.get((int) (i % corpora.size()));
            byte[] input = mutate(c.valid(), random);
            try {
                c.target().run(input);
                accepted++;
            } catch (OlmDecodeException | OlmDecryptException | SessionCreationException | MegolmDecodeException
                     | MegolmDecryptException | SessionKeyDecodeException | OlmPayloadException e) {
                declared++;
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + SEED + ", input " + i + " (" + c.name() + "): "
                        + HexFormat.of().formatHex(input), e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("fuzz: %d inputs in %.1f s, %d refused with declared errors, %d accepted%n",
                INPUTS, seconds, declared, accepted);
        assertThat(declared + accepted).isEqualTo(INPUTS);
        assertThat(declared).isPositive();
    }

    private static byte[] mutate(byte[] valid, Random r) {
        byte[] b = valid.clone();
        switch (r.nextInt(6)) {
            case 0 -> {
                int flips = 1 + r.nextInt(4);
                for (int k = 0; k < flips && b.length > 0; k++) {
                    int pos = r.nextInt(b.length);
                    b[pos] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));
            case 2 -> {
                int extra = 1 + r.nextInt(64);
                byte[] longer = Arrays.copyOf(b, b.length + extra);
                for (int k = b.length; k < longer.length; k++) {
                    longer[k] = (byte) r.nextInt(256);
                }
                b = longer;
            }
            case 3 -> {
                if (b.length > 0) {
                    int pos = r.nextInt(b.length);
                    int len = 1 + r.nextInt(Math.min(16, b.length - pos));
                    for (int k = 0; k < len; k++) {
                        b[pos + k] = (byte) r.nextInt(256);
                    }
                }
            }
            case 4 -> {
                // Small varint-looking bytes in the header region hit the field parser hardest.
                int pos = r.nextInt(Math.min(b.length, 8) + 1);
                if (pos < b.length) {
                    b[pos] = (byte) (r.nextBoolean() ? 0x80 | r.nextInt(128) : r.nextInt(64));
                }
            }
            default -> {
                b = new byte[r.nextInt(300)];
                r.nextBytes(b);
            }
        }
        return b;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
