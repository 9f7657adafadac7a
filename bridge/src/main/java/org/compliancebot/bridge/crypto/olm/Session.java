package org.compliancebot.bridge.crypto.olm;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.compliancebot.bridge.crypto.primitives.Curve25519KeyPair;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.HkdfSha256;
import org.compliancebot.bridge.crypto.primitives.MessageCipher;
import org.compliancebot.bridge.crypto.state.StateDecodeException;

/**
 * An Olm session: the double ratchet of the Olm spec between two devices.
 *
 * <p>The initiator ("Alice", {@link Account#createOutboundSession}) sends {@link PreKeyMessage}s
 * until she receives a reply; after that both sides send normal {@link OlmMessage}s. Receiving a
 * message from a new ratchet key advances the root key ({@code HKDF(R, DH, "OLM_RATCHET")}) and
 * drops our sending chain, so our next message starts a new one.
 *
 * <p>Bounds: at most {@value #MAX_RECEIVER_CHAINS} receiving chains, {@value ReceiverChain#MAX_SKIPPED_KEYS}
 * skipped message keys per chain, and a message at most {@value #MAX_MESSAGE_GAP} steps ahead of its
 * chain; beyond that, decryption fails with a named {@link OlmDecryptException}.
 *
 * <p>Not thread-safe. Persist with {@link #toBytes()} after every encrypt and decrypt.
 * {@link #toString()} shows no key material.
 */
public final class Session {
    static final int MAX_RECEIVER_CHAINS = 5;
    static final int MAX_MESSAGE_GAP = 2000;
    private static final byte[] RATCHET_INFO = "OLM_RATCHET".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    final SessionKeys keys;
    final boolean outbound;
    boolean receivedMessage;
    byte[] rootKey;
    /** Our ratchet key pair; kept after the sending chain is dropped, to ratchet on a new receiving chain. */
    Curve25519KeyPair ourRatchetKey;
    /** Null when we must start a new sending chain before the next encrypt. */
    ChainKey sendingChain;
    final Deque<ReceiverChain> receivers = new ArrayDeque<>();

    Session(SessionKeys keys, boolean outbound, byte[] rootKey) {
        this.keys = keys;
        this.outbound = outbound;
        this.rootKey = rootKey;
    }

    /** The session id: unpadded base64 of SHA-256 over the three session keys. */
    public String sessionId() {
        return keys.sessionId();
    }

    public SessionKeys sessionKeys() {
        return keys;
    }

    /** True once a message from the other side decrypted; from then on we send normal messages. */
    public boolean hasReceivedMessage() {
        return receivedMessage;
    }

    /**
     * True when {@code message} is a pre-key message for this session (same identity, base and
     * one-time keys). Use it to route a pre-key message to an existing session before creating a
     * new one.
     */
    public boolean matchesInboundSession(PreKeyMessage message) {
        return message.sessionKeys().equals(keys);
    }

    /** Like {@link #matchesInboundSession(PreKeyMessage)}, also requiring the sender's identity key. */
    public boolean matchesInboundSessionFrom(Curve25519PublicKey theirIdentityKey, PreKeyMessage message) {
        return message.identityKey().equals(theirIdentityKey) && matchesInboundSession(message);
    }

    /** Encrypts; a pre-key message until the other side has answered, a normal message after. */
    public AnyOlmMessage encrypt(byte[] plaintext) {
        if (sendingChain == null) {
            startSendingChain();
        }
        byte[] messageKey = sendingChain.messageKey();
        long index = sendingChain.index();
        sendingChain.advance();
        MessageCipher cipher = MessageCipher.olm(messageKey);
        Arrays.fill(messageKey, (byte) 0);
        OlmMessage message = OlmMessage.create(ourRatchetKey.publicKey(), index, cipher.encrypt(plaintext), cipher);
        if (outbound && !receivedMessage) {
            return PreKeyMessage.create(keys, message);
        }
        return message;
    }

    private void startSendingChain() {
        ReceiverChain latest = receivers.peekFirst();
        if (latest == null) {
            throw new IllegalStateException("an Olm session without a sending chain has a receiving chain");
        }
        Curve25519KeyPair next = Curve25519KeyPair.generate(RANDOM);
        byte[] shared;
        try {
            shared = next.diffieHellman(latest.ratchetKey());
        } catch (Curve25519KeyPair.KeyAgreementException e) {
            // Refused when the chain was created, so it cannot happen here.
            throw new IllegalStateException(e);
        }
        byte[] okm = HkdfSha256.derive(rootKey, shared, RATCHET_INFO, 64);
        rootKey = Arrays.copyOfRange(okm, 0, 32);
        sendingChain = new ChainKey(Arrays.copyOfRange(okm, 32, 64), 0);
        ourRatchetKey = next;
    }

    /** Decrypts either kind of message; a pre-key message must belong to this session. */
    public byte[] decrypt(AnyOlmMessage message) throws OlmDecryptException {
        return switch (message) {
            case PreKeyMessage p -> {
                if (!matchesInboundSession(p)) {
                    throw new OlmDecryptException.SessionMismatch();
                }
                yield decrypt(p.message());
            }
            case OlmMessage m -> decrypt(m);
        };
    }

    /** Decrypts a normal message. On failure the session is unchanged. */
    public byte[] decrypt(OlmMessage message) throws OlmDecryptException {
        for (ReceiverChain chain : receivers) {
            if (chain.ratchetKey().equals(message.ratchetKey())) {
                byte[] plaintext = decryptInChain(chain, message);
                receivedMessage = true;
                return plaintext;
            }
        }
        if (ourRatchetKey == null) {
            throw new OlmDecryptException.UnknownRatchetKey();
        }
        byte[] shared;
        try {
            shared = ourRatchetKey.diffieHellman(message.ratchetKey());
        } catch (Curve25519KeyPair.KeyAgreementException e) {
            throw new OlmDecryptException.LowOrderKey();
        }
        byte[] okm = HkdfSha256.derive(rootKey, shared, RATCHET_INFO, 64);
        ReceiverChain fresh = new ReceiverChain(message.ratchetKey(), new ChainKey(Arrays.copyOfRange(okm, 32, 64), 0));
        byte[] plaintext = decryptInChain(fresh, message);
        rootKey = Arrays.copyOfRange(okm, 0, 32);
        receivers.addFirst(fresh);
        while (receivers.size() > MAX_RECEIVER_CHAINS) {
            receivers.removeLast();
        }
        sendingChain = null;
        receivedMessage = true;
        return plaintext;
    }

    /** Decrypts in a known chain; the chain changes only when the MAC and padding check out. */
    private static byte[] decryptInChain(ReceiverChain chain, OlmMessage message) throws OlmDecryptException {
        long index = message.chainIndex();
        ChainKey current = chain.chainKey();
        if (index < current.index()) {
            byte[] kept = chain.peekSkipped(index);
            if (kept == null) {
                throw new OlmDecryptException.MissingMessageKey(index);
            }
            byte[] plaintext = open(kept, message);
            chain.removeSkipped(index);
            return plaintext;
        }
        long gap = index - current.index();
        if (gap > MAX_MESSAGE_GAP) {
            throw new OlmDecryptException.MessageGapTooLarge(gap, MAX_MESSAGE_GAP);
        }
        ChainKey walk = current.copy();
        List<ReceiverChain.SkippedKey> skipped = new ArrayList<>();
        while (walk.index() < index) {
            // Only the newest keys survive the bound, so do not derive ones that would be dropped.
            if (index - walk.index() <= ReceiverChain.MAX_SKIPPED_KEYS) {
                skipped.add(new ReceiverChain.SkippedKey(walk.index(), walk.messageKey()));
            }
            walk.advance();
        }
        byte[] plaintext = open(walk.messageKey(), message);
        walk.advance();
        chain.setChainKey(walk);
        skipped.forEach(chain::addSkipped);
        return plaintext;
    }

    private static byte[] open(byte[] messageKey, OlmMessage message) throws OlmDecryptException {
        MessageCipher cipher = MessageCipher.olm(messageKey);
        if (!cipher.verifyMac(message.raw(), message.macOffset())) {
            throw new OlmDecryptException.InvalidMac();
        }
        Optional<byte[]> plaintext = cipher.decrypt(message.ciphertext());
        if (plaintext.isEmpty()) {
            throw new OlmDecryptException.InvalidPadding();
        }
        return plaintext.get();
    }

    /** The versioned binary state, with secrets; encrypt it at rest. */
    public byte[] toBytes() {
        return SessionCodec.encode(this);
    }

    public static Session fromBytes(byte[] state) throws StateDecodeException {
        return SessionCodec.decode(state);
    }

    @Override
    public String toString() {
        return "Session[id=" + sessionId() + ", outbound=" + outbound + ", receivedMessage=" + receivedMessage
                + ", receivingChains=" + receivers.size() + "]";
    }
}
