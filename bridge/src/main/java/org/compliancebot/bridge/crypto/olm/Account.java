package org.compliancebot.bridge.crypto.olm;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bridge.crypto.primitives.Curve25519KeyPair;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.crypto.primitives.HkdfSha256;
import org.compliancebot.bridge.crypto.state.StateDecodeException;

/**
 * A device's Olm account: the Curve25519 identity key, the Ed25519 signing key, one-time keys and
 * a fallback key. It creates Olm sessions in both directions.
 *
 * <p>One-time keys: {@link #generateOneTimeKeys} adds keys (the oldest are dropped beyond
 * {@value #MAX_STORED_ONE_TIME_KEYS}); {@link #unpublishedOneTimeKeys} lists the ones to upload;
 * {@link #markKeysAsPublished} after a successful upload. A key is removed when an inbound session
 * uses it. The fallback key is used when the server has run out of one-time keys; it is not removed
 * on use. After {@link #generateFallbackKey} the previous fallback key still works until
 * {@link #forgetOldFallbackKey}, so messages that raced the rotation still decrypt.
 *
 * <p>Not thread-safe. Persist with {@link #toBytes()} after each change, and in particular after
 * an inbound session consumed a one-time key. {@link #toString()} shows no key material.
 */
public final class Account {
    /** One-time keys kept at most; older unused ones are dropped beyond this. */
    public static final int MAX_STORED_ONE_TIME_KEYS = 100;
    private static final byte[] ROOT_INFO = "OLM_ROOT".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    final Curve25519KeyPair identityKey;
    final Ed25519KeyPair signingKey;
    final LinkedHashMap<Long, OneTimeKey> oneTimeKeys = new LinkedHashMap<>();
    long nextKeyId = 1;
    OneTimeKey fallbackKey;
    OneTimeKey previousFallbackKey;

    Account(Curve25519KeyPair identityKey, Ed25519KeyPair signingKey) {
        this.identityKey = identityKey;
        this.signingKey = signingKey;
    }

    /** A new account with fresh identity and signing keys. */
    public static Account create() {
        return new Account(Curve25519KeyPair.generate(RANDOM), Ed25519KeyPair.generate(RANDOM));
    }

    public IdentityKeys identityKeys() {
        return new IdentityKeys(identityKey.publicKey(), signingKey.publicKey());
    }

    /** Signs bytes with the device's Ed25519 key (for canonical JSON, see {@code JsonSigning}). */
    public byte[] sign(byte[] message) {
        return signingKey.sign(message);
    }

    /** How many one-time keys to keep published on the server (half of what the account stores). */
    public int maxNumberOfOneTimeKeys() {
        return MAX_STORED_ONE_TIME_KEYS / 2;
    }

    /** Number of one-time keys held (published or not). */
    public int storedOneTimeKeyCount() {
        return oneTimeKeys.size();
    }

    /** Creates {@code count} new one-time keys; returns them by key id. */
    public Map<String, Curve25519PublicKey> generateOneTimeKeys(int count) {
        Map<String, Curve25519PublicKey> created = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            OneTimeKey key = new OneTimeKey(nextKeyId++, Curve25519KeyPair.generate(RANDOM), false);
            oneTimeKeys.put(key.id, key);
            created.put(key.keyId(), key.pair.publicKey());
        }
        for (Iterator<Long> it = oneTimeKeys.keySet().iterator(); oneTimeKeys.size() > MAX_STORED_ONE_TIME_KEYS; ) {
            it.next();
            it.remove();
        }
        return created;
    }

    /** One-time keys not yet marked as published, by key id. */
    public Map<String, Curve25519PublicKey> unpublishedOneTimeKeys() {
        Map<String, Curve25519PublicKey> out = new LinkedHashMap<>();
        for (OneTimeKey k : oneTimeKeys.values()) {
            if (!k.published) {
                out.put(k.keyId(), k.pair.publicKey());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Creates a new fallback key; the old one is kept until {@link #forgetOldFallbackKey}. */
    public Map.Entry<String, Curve25519PublicKey> generateFallbackKey() {
        previousFallbackKey = fallbackKey;
        fallbackKey = new OneTimeKey(nextKeyId++, Curve25519KeyPair.generate(RANDOM), false);
        return Map.entry(fallbackKey.keyId(), fallbackKey.pair.publicKey());
    }

    /** The current fallback key if it is not yet published. */
    public Optional<Map.Entry<String, Curve25519PublicKey>> unpublishedFallbackKey() {
        if (fallbackKey == null || fallbackKey.published) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(fallbackKey.keyId(), fallbackKey.pair.publicKey()));
    }

    /** Forgets the previous fallback key; returns whether there was one. */
    public boolean forgetOldFallbackKey() {
        boolean had = previousFallbackKey != null;
        previousFallbackKey = null;
        return had;
    }

    /** Marks all current one-time keys and the fallback key as uploaded. */
    public void markKeysAsPublished() {
        oneTimeKeys.values().forEach(k -> k.published = true);
        if (fallbackKey != null) {
            fallbackKey.published = true;
        }
    }

    /**
     * Starts a session to another device from its identity key and one of its one-time (or
     * fallback) keys, claimed from the server. The first messages are pre-key messages.
     */
    public Session createOutboundSession(Curve25519PublicKey theirIdentityKey, Curve25519PublicKey theirOneTimeKey)
            throws SessionCreationException {
        Curve25519KeyPair baseKey = Curve25519KeyPair.generate(RANDOM);
        byte[] secret = new byte[96];
        try {
            System.arraycopy(identityKey.diffieHellman(theirOneTimeKey), 0, secret, 0, 32);
            System.arraycopy(baseKey.diffieHellman(theirIdentityKey), 0, secret, 32, 32);
            System.arraycopy(baseKey.diffieHellman(theirOneTimeKey), 0, secret, 64, 32);
        } catch (Curve25519KeyPair.KeyAgreementException e) {
            throw new SessionCreationException.LowOrderKey();
        }
        byte[] okm = HkdfSha256.derive(null, secret, ROOT_INFO, 64);
        Session session = new Session(new SessionKeys(identityKey.publicKey(), baseKey.publicKey(), theirOneTimeKey),
                true, java.util.Arrays.copyOfRange(okm, 0, 32));
        session.ourRatchetKey = Curve25519KeyPair.generate(RANDOM);
        session.sendingChain = new ChainKey(java.util.Arrays.copyOfRange(okm, 32, 64), 0);
        return session;
    }

    /**
     * Creates a session from a pre-key message and decrypts it. When {@code expectedIdentityKey}
     * is given (the envelope's {@code sender_key}), the message must carry that identity key.
     * On success the one-time key is removed (a fallback key stays); persist the account.
     */
    public InboundSessionResult createInboundSession(PreKeyMessage message, Curve25519PublicKey expectedIdentityKey)
            throws SessionCreationException {
        if (expectedIdentityKey != null && !expectedIdentityKey.equals(message.identityKey())) {
            throw new SessionCreationException.MismatchedIdentityKey();
        }
        OneTimeKey key = findKey(message.oneTimeKey());
        if (key == null) {
            throw new SessionCreationException.MissingOneTimeKey(message.oneTimeKey().toBase64());
        }
        byte[] secret = new byte[96];
        try {
            System.arraycopy(key.pair.diffieHellman(message.identityKey()), 0, secret, 0, 32);
            System.arraycopy(identityKey.diffieHellman(message.baseKey()), 0, secret, 32, 32);
            System.arraycopy(key.pair.diffieHellman(message.baseKey()), 0, secret, 64, 32);
        } catch (Curve25519KeyPair.KeyAgreementException e) {
            throw new SessionCreationException.LowOrderKey();
        }
        byte[] okm = HkdfSha256.derive(null, secret, ROOT_INFO, 64);
        Session session = new Session(message.sessionKeys(), false, java.util.Arrays.copyOfRange(okm, 0, 32));
        session.receivers.add(new ReceiverChain(message.message().ratchetKey(),
                new ChainKey(java.util.Arrays.copyOfRange(okm, 32, 64), 0)));
        byte[] plaintext;
        try {
            plaintext = session.decrypt(message.message());
        } catch (OlmDecryptException e) {
            throw new SessionCreationException.Decryption(e);
        }
        oneTimeKeys.remove(key.id);
        return new InboundSessionResult(session, plaintext);
    }

    private OneTimeKey findKey(Curve25519PublicKey publicKey) {
        for (OneTimeKey k : oneTimeKeys.values()) {
            if (k.pair.publicKey().equals(publicKey)) {
                return k;
            }
        }
        if (fallbackKey != null && fallbackKey.pair.publicKey().equals(publicKey)) {
            return fallbackKey;
        }
        if (previousFallbackKey != null && previousFallbackKey.pair.publicKey().equals(publicKey)) {
            return previousFallbackKey;
        }
        return null;
    }

    /** The versioned binary state, with secrets; encrypt it at rest. */
    public byte[] toBytes() {
        return AccountCodec.encode(this);
    }

    public static Account fromBytes(byte[] state) throws StateDecodeException {
        return AccountCodec.decode(state);
    }

    @Override
    public String toString() {
        return "Account[curve25519=" + identityKey.publicKey().toBase64() + ", ed25519="
                + signingKey.publicKey().toBase64() + ", oneTimeKeys=" + oneTimeKeys.size() + "]";
    }
}
