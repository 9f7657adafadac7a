package org.compliancebot.bot.evidence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.crypto.primitives.HkdfSha256;

/**
 * Keeps the log's signing key encrypted at rest: AES-256-GCM under a key derived with HKDF-SHA256 from a
 * secret of the environment ({@code COMPLIANCE_BOT_EVIDENCE_KEY}, or else {@code COMPLIANCE_BOT_STORE_KEY}
 * with its own HKDF label). The public key is the associated data, so a sealed seed cannot be swapped for
 * another key's. Sealed form: 12-byte nonce, then ciphertext and tag. {@link #toString()} shows nothing.
 */
public final class SigningKeyVault {
    private static final byte[] SALT = "compliance-bot evidence signing key".getBytes(StandardCharsets.UTF_8);
    private final byte[] key;

    private SigningKeyVault(byte[] key) {
        this.key = key;
    }

    /**
     * @param secret the secret's text
     * @param label  which secret it is: distinct labels give distinct keys from the same text
     */
    public static SigningKeyVault fromSecret(String secret, String label) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the evidence key secret must be at least 16 characters");
        }
        byte[] k = HkdfSha256.derive(SALT, secret.getBytes(StandardCharsets.UTF_8),
                ("aes-256-gcm v1 " + label).getBytes(StandardCharsets.UTF_8), 32);
        return new SigningKeyVault(k);
    }

    public byte[] seal(Ed25519KeyPair pair, SecureRandom random) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        byte[] seed = pair.seedBytes();
        try {
            byte[] ct = cipher(Cipher.ENCRYPT_MODE, nonce, pair.publicKey().toBytes()).doFinal(seed);
            byte[] out = new byte[12 + ct.length];
            System.arraycopy(nonce, 0, out, 0, 12);
            System.arraycopy(ct, 0, out, 12, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** Opens a sealed key; fails when the secret is not the one it was sealed under or the data was changed. */
    public Ed25519KeyPair open(byte[] sealed, byte[] publicKey) {
        if (sealed.length < 12 + 16) {
            throw new IllegalArgumentException("the sealed signing key is too short");
        }
        byte[] seed;
        try {
            seed = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, 12), publicKey).doFinal(sealed, 12, sealed.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the evidence signing key cannot be opened: wrong "
                    + "COMPLIANCE_BOT_EVIDENCE_KEY (or store key), or the stored key was altered");
        }
        try {
            Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(seed);
            if (!Arrays.equals(pair.publicKey().toBytes(), publicKey)) {
                throw new IllegalArgumentException("the sealed signing key does not match its public key");
            }
            return pair;
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(aad);
        return c;
    }

    @Override
    public String toString() {
        return "SigningKeyVault[sealed]";
    }
}
