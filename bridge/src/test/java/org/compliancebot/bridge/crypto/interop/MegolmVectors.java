package org.compliancebot.bridge.crypto.interop;

import java.util.HexFormat;
import java.util.Map;
import org.compliancebot.bridge.crypto.megolm.ExportedSessionKey;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;

/**
 * Pinned Megolm ratchet values from a fixed initial state (R(0) = bytes 0x00..0x7f), derived
 * from the spec's ratchet definition and cross-checked against vodozemac in
 * {@link MegolmInteropTest#ratchet_values_match_vodozemac_from_a_fixed_state}.
 */
public final class MegolmVectors {
    public static final long[] INDICES = {0, 1, 255, 256, 1L << 16, (1L << 24) - 1};
    private static final Map<Long, String> EXPECTED = Map.of(
            0L, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                    + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
                    + "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
                    + "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f",
            1L, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                    + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
                    + "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
                    + "550744e334115fa1fd73d3b71176d4157288631cb37045a49fd62cd0608c8f5d",
            255L, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                    + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
                    + "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
                    + "bd8534e427577fe8da112af5553df163ca9d472f1adac7ead69259f1f3f5385a",
            256L, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                    + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
                    + "f0bdefbbad3cf097dccb03f2c87159f7608e2480543eef7741c8f2e7f226e78f"
                    + "07e90dc411406c1ba86b898435b0512f7014666a3ecd3af93f13c32ccaf13050",
            1L << 16, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                    + "797f21ad97515c3ed5cb1f8e6ec28cd83627aa8dc4ced0717120abbb03397159"
                    + "193070746b7983cf7a579a6d82328168da7241f7c96bf450b6c90b9a137bec31"
                    + "5fc7847b9c651ea645d27a333a8023f7a841a6eb66a9f8d7aca523cc4d416795",
            (1L << 24) - 1, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                    + "609dfa57e099c2d980d7db77a781c2a57e1272309264b799ef28c40db266779a"
                    + "cb7a3645c3696961ca9252a32d69d31e0d109a17dd76b32dd1e0ff0af150097d"
                    + "2c58778b9cf1fb7ba933a3991e4446fe1759540eebb9cd78105e2109231e02de");

    private MegolmVectors() {}

    public static byte[] initialRatchet() {
        byte[] v = new byte[128];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) i;
        }
        return v;
    }

    /** The fixed state in the export format, with the public key of the seed 0x2a * 32. */
    public static byte[] seed() {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) 0x2a);
        return seed;
    }

    public static ExportedSessionKey fixedExport() throws Exception {
        byte[] pub = Ed25519KeyPair.fromSeed(seed()).publicKey().toBytes();
        byte[] raw = new byte[165];
        raw[0] = 1;
        System.arraycopy(initialRatchet(), 0, raw, 5, 128);
        System.arraycopy(pub, 0, raw, 133, 32);
        return ExportedSessionKey.decode(raw);
    }

    public static byte[] expectedRatchet(long index) {
        return HexFormat.of().parseHex(EXPECTED.get(index));
    }
}
