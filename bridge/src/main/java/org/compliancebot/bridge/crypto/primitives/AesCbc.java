package org.compliancebot.bridge.crypto.primitives;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/** AES-256 in CBC mode with PKCS#7 padding, on Bouncy Castle. Stateless and thread-safe. */
public final class AesCbc {
    private AesCbc() {}

    private static PaddedBufferedBlockCipher cipher(boolean encrypt, byte[] key, byte[] iv) {
        PaddedBufferedBlockCipher c = new PaddedBufferedBlockCipher(
                CBCBlockCipher.newInstance(AESEngine.newInstance()), new PKCS7Padding());
        c.init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        return c;
    }

    /** Encrypts {@code plaintext} with a 32-byte key and 16-byte IV. */
    public static byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext) {
        PaddedBufferedBlockCipher c = cipher(true, key, iv);
        byte[] out = new byte[c.getOutputSize(plaintext.length)];
        int n = c.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            n += c.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("padding cannot fail when encrypting", e);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * Decrypts {@code ciphertext[off, off+len)}; empty when the length is not a whole number of
     * blocks or the padding is wrong.
     */
    public static Optional<byte[]> decrypt(byte[] key, byte[] iv, byte[] ciphertext, int off, int len) {
        if (len == 0 || len % 16 != 0) {
            return Optional.empty();
        }
        PaddedBufferedBlockCipher c = cipher(false, key, iv);
        byte[] out = new byte[c.getOutputSize(len)];
        try {
            int n = c.processBytes(ciphertext, off, len, out, 0);
            n += c.doFinal(out, n);
            return Optional.of(n == out.length ? out : Arrays.copyOf(out, n));
        } catch (InvalidCipherTextException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
