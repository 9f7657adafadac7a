package org.compliancebot.bridge.crypto.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scanner accepts what {@link CanonicalJson} writes and, differentially, nothing that would not write back
 * to the same bytes: every input it accepts parses and re-encodes to itself.
 */
class CanonicalJsonScannerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "0", "-1", "9007199254740991", "-9007199254740991", "true", "false", "null", "\"\"",
        "{\"a\":1,\"b\":[1,{\"c\":null}],\"d\":\"q\\\"b\\\\n\\n\\t\\u0001\\u001f/\u2028\"}", "{\"日\":1,\"本\":2}",
        "{\"a\":\"\uD83D\uDE00 \u00e9\"}", "{\"\":0,\"a\":0}"})
    void acceptsCanonicalJson(String text) {
        assertThat(scan(text)).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{ }", "{\"a\": 1}", " 1", "1 ", "{\"b\":1,\"a\":2}", "{\"a\":1,\"a\":2}", "\"\\/\"", "\"\\u0041\"",
        "\"\\u001F\"", "\"\\u0009\"", "\"\\u000a\"", "-0", "01", "1.0", "1e3", "9007199254740992", "-9007199254740992",
        "12345678901234567890", "tru", "nul", "[1,]", "[,1]", "{\"a\":1,}", "{\"a\"}", "\"abc", "\"a\tb\"", "{\"a\\\"\":1}",
        "[1]]", "{}{}", ""})
    void refusesWhatTheWriterNeverWrites(String text) {
        assertThat(scan(text)).as(text).isFalse();
    }

    @Test
    void refusesMalformedUtf8() {
        for (int[] bad : new int[][] {{0xc0, 0x80}, {0xc1, 0xbf}, {0xe0, 0x80, 0x80}, {0xed, 0xa0, 0x80}, {0xf0, 0x80, 0x80, 0x80},
                {0xf4, 0x90, 0x80, 0x80}, {0xf5, 0x80, 0x80, 0x80}, {0x80}, {0xc3}, {0xe2, 0x82}}) {
            byte[] b = new byte[bad.length + 2];
            b[0] = '"';
            for (int i = 0; i < bad.length; i++) {
                b[i + 1] = (byte) bad[i];
            }
            b[b.length - 1] = '"';
            assertThat(CanonicalJsonScanner.isCanonical(b, 0, b.length)).isFalse();
        }
    }

    @Test
    void looksAtEveryByteOfLongStringsWhereverTheSpecialOneIs() {
        for (int length = 1; length <= 24; length++) {
            for (int at = 0; at < length; at++) {
                for (String special : new String[] {"\u0001", "\u007f", "é", "\\n", "\\u0001", "\"", "\\"}) {
                    String inner = "a".repeat(at) + special + "a".repeat(length - at - 1);
                    String text = "\"" + inner + "\"";
                    boolean canonical = !special.equals("\u0001") && !special.equals("\"") && !special.equals("\\");
                    assertThat(scan(text)).as(text).isEqualTo(canonical);
                }
            }
        }
    }

    @Test
    void refusesNestingPastTheLimit() {
        String deep = "[".repeat(CanonicalJsonScanner.MAX_DEPTH + 1) + "]".repeat(CanonicalJsonScanner.MAX_DEPTH + 1);
        assertThat(scan(deep)).isFalse();
        String fine = "[".repeat(CanonicalJsonScanner.MAX_DEPTH) + "]".repeat(CanonicalJsonScanner.MAX_DEPTH);
        assertThat(scan(fine)).isTrue();
    }

    @Test
    void acceptsWhatTheWriterWritesForRandomValues() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = CanonicalJson.encode(randomValue(random, 0));
            assertThat(CanonicalJsonScanner.isCanonical(b, 0, b.length)).as(new String(b, StandardCharsets.UTF_8)).isTrue();
        }
    }

    /** Mutated writer output: whatever the scanner accepts must parse and write back to exactly its bytes. */
    @Test
    void everythingAcceptedWritesBackToItself() throws Exception {
        Random random = new Random(11);
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            seeds.add(CanonicalJson.encode(randomValue(random, 0)));
        }
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b = mutate(seeds.get(random.nextInt(seeds.size())), random);
            if (CanonicalJsonScanner.isCanonical(b, 0, b.length)) {
                accepted++;
                JsonNode parsed = JSON.readTree(b);
                assertThat(CanonicalJson.encode(parsed)).as(new String(b, StandardCharsets.UTF_8)).isEqualTo(b);
            }
        }
        assertThat(accepted).as("some mutations stay canonical").isGreaterThan(1_000);
    }

    private static boolean scan(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return CanonicalJsonScanner.isCanonical(b, 0, b.length);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(2);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] = (byte) "{}[]\",:\\0123456789-.eEtfnul ab\u00c3\u00a9".charAt(random.nextInt(32));
                case 2 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
                default -> b[at] = (byte) (b[at] ^ (1 << random.nextInt(8)));
            }
        }
        return b;
    }

    private static JsonNode randomValue(Random r, int depth) {
        int kind = depth > 3 ? 2 + r.nextInt(4) : r.nextInt(6);
        return switch (kind) {
            case 0 -> {
                ObjectNode o = F.objectNode();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    o.set(randomKey(r), randomValue(r, depth + 1));
                }
                yield o;
            }
            case 1 -> {
                ArrayNode a = F.arrayNode();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(randomValue(r, depth + 1));
                }
                yield a;
            }
            case 2 -> F.textNode(randomText(r));
            case 3 -> F.numberNode(r.nextBoolean() ? r.nextInt(2000) - 1000 : r.nextLong() >> 12);
            case 4 -> F.booleanNode(r.nextBoolean());
            default -> F.nullNode();
        };
    }

    private static String randomKey(Random r) {
        String[] keys = {"a", "b", "ab", "body", "content", "日", "é", "z", "type", ""};
        return keys[r.nextInt(keys.length)];
    }

    private static String randomText(Random r) {
        String alphabet = "abc xyz\"\\\n\t\u0001\u001f/é日\uD83D\uDE00\u2028";
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            char c = alphabet.charAt(r.nextInt(alphabet.length()));
            if (Character.isHighSurrogate(c)) {
                s.append("\uD83D\uDE00");
            } else if (!Character.isLowSurrogate(c)) {
                s.append(c);
            }
        }
        return s.toString();
    }
}
