package org.compliancebot.bridge.crypto.primitives;

import java.util.Base64;
import java.util.Optional;

/**
 * Unpadded standard base64 as Matrix uses it (spec appendix "Unpadded Base64").
 * Encoding never emits padding; decoding accepts input with or without padding.
 */
public final class UnpaddedBase64 {
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private UnpaddedBase64() {}

    /** Encodes bytes without {@code =} padding. */
    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** Decodes standard base64 with optional padding; empty when the text is not valid base64. */
    public static Optional<byte[]> decode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(DECODER.decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
