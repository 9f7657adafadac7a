package org.compliancebot.bridge.crypto.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON as the Matrix spec defines it (appendix "Canonical JSON"): object keys sorted by
 * Unicode code point, no insignificant whitespace, UTF-8, only the escapes the grammar allows,
 * and numbers as integers in [-(2^53)+1, 2^53-1] (an integral float such as {@code 1e10} is
 * written as an integer, {@code -0} as {@code 0}). Stateless and thread-safe.
 */
public final class CanonicalJson {
    private static final long MAX_SAFE = (1L << 53) - 1;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private CanonicalJson() {}

    /** The value cannot be encoded canonically: a fraction, an out-of-range number, or a non-JSON node. */
    public static final class NotCanonicalException extends IllegalArgumentException {
        public NotCanonicalException(String message) {
            super(message);
        }
    }

    public static byte[] encode(JsonNode value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(value, out);
        return out.toByteArray();
    }

    public static String encodeToString(JsonNode value) {
        return new String(encode(value), StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, ByteArrayOutputStream out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out);
            case ARRAY -> {
                out.write('[');
                boolean first = true;
                for (JsonNode item : node) {
                    if (!first) {
                        out.write(',');
                    }
                    first = false;
                    write(item, out);
                }
                out.write(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> writeNumber(node, out);
            case BOOLEAN -> out.writeBytes(node.booleanValue() ? "true".getBytes(StandardCharsets.US_ASCII)
                    : "false".getBytes(StandardCharsets.US_ASCII));
            case NULL -> out.writeBytes("null".getBytes(StandardCharsets.US_ASCII));
            default -> throw new NotCanonicalException("not a JSON value: " + node.getNodeType());
        }
    }

    private static void writeObject(JsonNode node, ByteArrayOutputStream out) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            fields.add(it.next());
        }
        fields.sort((a, b) -> compareCodePoints(a.getKey(), b.getKey()));
        out.write('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : fields) {
            if (!first) {
                out.write(',');
            }
            first = false;
            writeString(e.getKey(), out);
            out.write(':');
            write(e.getValue(), out);
        }
        out.write('}');
    }

    /** Code point order; String.compareTo compares UTF-16 units, which misorders astral characters. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static void writeNumber(JsonNode node, ByteArrayOutputStream out) {
        BigInteger value;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else {
            BigDecimal d = node.decimalValue();
            try {
                value = d.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw new NotCanonicalException("canonical JSON allows only integers, got " + d);
            }
        }
        if (value.bitLength() > 63 || Math.abs(value.longValue()) > MAX_SAFE) {
            throw new NotCanonicalException("integer outside [-(2^53)+1, 2^53-1]: " + value);
        }
        out.writeBytes(Long.toString(value.longValue()).getBytes(StandardCharsets.US_ASCII));
    }

    private static void writeString(String s, ByteArrayOutputStream out) {
        out.write('"');
        int runStart = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.writeBytes(s.substring(runStart, i).getBytes(StandardCharsets.UTF_8));
            runStart = i + 1;
            out.write('\\');
            switch (c) {
                case '"' -> out.write('"');
                case '\\' -> out.write('\\');
                case '\b' -> out.write('b');
                case '\f' -> out.write('f');
                case '\n' -> out.write('n');
                case '\r' -> out.write('r');
                case '\t' -> out.write('t');
                default -> {
                    out.writeBytes("u00".getBytes(StandardCharsets.US_ASCII));
                    out.write(HEX[c >> 4]);
                    out.write(HEX[c & 0xf]);
                }
            }
        }
        out.writeBytes(s.substring(runStart).getBytes(StandardCharsets.UTF_8));
        out.write('"');
    }
}
