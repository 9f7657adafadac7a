package org.compliancebot.bench;

import de.connect2x.trixnity.vodozemac.megolm.GroupSession;
import de.connect2x.trixnity.vodozemac.megolm.MegolmSessionConfig;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.compliancebot.bridge.crypto.megolm.DecryptedGroupMessage;
import org.compliancebot.bridge.crypto.megolm.InboundGroupSession;
import org.compliancebot.bridge.crypto.megolm.MegolmMessage;
import org.compliancebot.bridge.crypto.megolm.OutboundGroupSession;
import org.compliancebot.bridge.crypto.olm.Account;
import org.compliancebot.bridge.crypto.olm.PreKeyMessage;
import org.compliancebot.bridge.crypto.olm.Session;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our Olm/Megolm against one Bouncy Castle Ed25519 verify (the floor: every Megolm decrypt does one)
 * and against vodozemac's JVM binding doing the same work. Messages carry 200 bytes of plaintext.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CryptoBenchmark {
    private final SecureRandom random = new SecureRandom();
    private final byte[] plaintext = new byte[200];

    private OutboundGroupSession outbound;
    private InboundGroupSession inbound;
    private byte[] megolmMessage;

    private Ed25519PublicKeyParameters verifyKey;
    private byte[] signedBytes;
    private byte[] signature;

    private Account bob;
    private Account alice;
    private Curve25519PublicKey bobIdentity;
    private Curve25519PublicKey bobFallback;

    private GroupSession vodozemacOutbound;
    private de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession vodozemacInbound;
    private byte[] vodozemacMessage;

    @Setup
    public void setUp() throws Exception {
        random.nextBytes(plaintext);
        outbound = OutboundGroupSession.create(random);
        inbound = InboundGroupSession.create(outbound.sessionKey());
        megolmMessage = outbound.encrypt(plaintext).toBytes();

        Ed25519PrivateKeyParameters signer = new Ed25519PrivateKeyParameters(random);
        verifyKey = signer.generatePublicKey();
        signedBytes = new byte[megolmMessage.length - 64];
        System.arraycopy(megolmMessage, 0, signedBytes, 0, signedBytes.length);
        signature = new byte[64];
        signer.sign(Ed25519.Algorithm.Ed25519, null, signedBytes, 0, signedBytes.length, signature, 0);

        bob = Account.create();
        alice = Account.create();
        bobIdentity = bob.identityKeys().curve25519();
        Map.Entry<String, Curve25519PublicKey> fallback = bob.generateFallbackKey();
        bobFallback = fallback.getValue();

        MegolmSessionConfig v1 = MegolmSessionConfig.Companion.v1();
        vodozemacOutbound = GroupSession.Companion.invoke(v1);
        vodozemacInbound = de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession.Companion.invoke(
                vodozemacOutbound.getSessionKey(), v1);
        vodozemacMessage = vodozemacOutbound.encrypt(plaintext).getBytes();
    }

    @Benchmark
    public boolean ed25519VerifyReference() {
        return verifyKey.verify(Ed25519.Algorithm.Ed25519, null, signedBytes, 0, signedBytes.length, signature, 0);
    }

    @Benchmark
    public DecryptedGroupMessage megolmDecrypt() throws Exception {
        return inbound.decrypt(MegolmMessage.decode(megolmMessage));
    }

    @Benchmark
    public MegolmMessage megolmEncrypt() {
        return outbound.encrypt(plaintext);
    }

    @Benchmark
    public byte[] olmSessionSetupAndFirstMessage() throws Exception {
        Session session = alice.createOutboundSession(bobIdentity, bobFallback);
        PreKeyMessage first = (PreKeyMessage) session.encrypt(plaintext);
        return bob.createInboundSession(first, alice.identityKeys().curve25519()).plaintext();
    }

    @Benchmark
    public byte[] vodozemacMegolmDecrypt() {
        return vodozemacInbound.decrypt(de.connect2x.trixnity.vodozemac.megolm.MegolmMessage.Bytes.Companion
                .invoke(vodozemacMessage)).getPlaintext().getValue();
    }

    @Benchmark
    public byte[] vodozemacMegolmEncrypt() {
        return vodozemacOutbound.encrypt(plaintext).getBytes();
    }
}
