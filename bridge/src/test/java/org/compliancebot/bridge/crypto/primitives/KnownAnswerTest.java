package org.compliancebot.bridge.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Published test vectors: RFC 8032, RFC 5869, RFC 4231, RFC 7748 and the spec's base64 examples. */
class KnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    private static byte[] range(int from, int toInclusive) {
        byte[] b = new byte[toInclusive - from + 1];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    private static byte[] fill(int value, int count) {
        byte[] b = new byte[count];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @ParameterizedTest(name = "RFC 8032 7.1 test {index}")
    @CsvSource({
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60, d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '', "
            + "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb, 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72, "
            + "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7, fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025, af82, "
            + "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    })
    void ed25519(String secret, String pub, String msg, String sig) throws Exception {
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(hex(secret));
        assertThat(pair.publicKey().toBytes()).isEqualTo(hex(pub));
        byte[] message = msg == null ? new byte[0] : hex(msg);
        assertThat(pair.sign(message)).isEqualTo(hex(sig));
        Ed25519PublicKey key = Ed25519PublicKey.fromBytes(hex(pub));
        assertThat(key.verify(message, hex(sig))).isTrue();
        byte[] bad = hex(sig);
        bad[10] ^= 1;
        assertThat(key.verify(message, bad)).isFalse();
    }

    @Test
    void hkdf_rfc5869_cases_1_to_3() {
        assertThat(HkdfSha256.derive(range(0x00, 0x0c), fill(0x0b, 22), range(0xf0, 0xf9), 42)).isEqualTo(hex(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
        assertThat(HkdfSha256.derive(range(0x60, 0xaf), range(0x00, 0x4f), range(0xb0, 0xff), 82)).isEqualTo(hex(
                "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09"
                        + "da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"));
        assertThat(HkdfSha256.derive(new byte[0], fill(0x0b, 22), new byte[0], 42)).isEqualTo(hex(
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
    }

    @Test
    void hmac_rfc4231_cases_1_to_4_6_7() {
        byte[] big = fill(0xaa, 131);
        assertThat(HmacSha256.mac(fill(0x0b, 20), ascii("Hi There")))
                .isEqualTo(hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
        assertThat(HmacSha256.mac(ascii("Jefe"), ascii("what do ya want for nothing?")))
                .isEqualTo(hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        assertThat(HmacSha256.mac(fill(0xaa, 20), fill(0xdd, 50)))
                .isEqualTo(hex("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"));
        assertThat(HmacSha256.mac(range(0x01, 0x19), fill(0xcd, 50)))
                .isEqualTo(hex("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"));
        assertThat(HmacSha256.mac(big, ascii("Test Using Larger Than Block-Size Key - Hash Key First")))
                .isEqualTo(hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
        assertThat(HmacSha256.mac(big, ascii("This is a test using a larger than block-size key and a larger than "
                + "block-size data. The key needs to be hashed before being used by the HMAC algorithm.")))
                .isEqualTo(hex("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"));
    }

    @Test
    void x25519_rfc7748() throws Exception {
        byte[] out = new byte[32];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(
                hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"), 0,
                hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"), 0, out, 0);
        assertThat(out).isEqualTo(hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"));

        Curve25519KeyPair alice = Curve25519KeyPair.fromSecret(hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        Curve25519KeyPair bob = Curve25519KeyPair.fromSecret(hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
        assertThat(alice.publicKey().toBytes()).isEqualTo(hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
        assertThat(bob.publicKey().toBytes()).isEqualTo(hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
        byte[] shared = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assertThat(alice.diffieHellman(bob.publicKey())).isEqualTo(shared);
        assertThat(bob.diffieHellman(alice.publicKey())).isEqualTo(shared);
    }

    @Test
    void x25519_refuses_a_low_order_point() throws Exception {
        Curve25519KeyPair alice = Curve25519KeyPair.fromSecret(fill(7, 32));
        Curve25519PublicKey zero = Curve25519PublicKey.fromBytes(new byte[32]);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> alice.diffieHellman(zero))
                .isInstanceOf(Curve25519KeyPair.KeyAgreementException.class);
    }

    @Test
    void unpadded_base64_spec_examples() {
        String[][] cases = {{"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"},
            {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
        for (String[] c : cases) {
            assertThat(UnpaddedBase64.encode(ascii(c[0]))).isEqualTo(c[1]);
            assertThat(UnpaddedBase64.decode(c[1])).hasValueSatisfying(b -> assertThat(b).isEqualTo(ascii(c[0])));
        }
        assertThat(UnpaddedBase64.decode("Zm8=")).hasValueSatisfying(b -> assertThat(b).isEqualTo(ascii("fo")));
        assertThat(UnpaddedBase64.decode("Z!")).isEmpty();
    }

    @Test
    void sha256_of_abc() {
        assertThat(Sha256.hash(ascii("abc")))
                .isEqualTo(hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
