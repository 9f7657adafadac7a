package org.compliancebot.bridge.crypto.primitives;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The protobuf-style key/value body of Olm and Megolm messages: each field is a varint tag whose
 * low 3 bits give the type (0 = varint integer, 2 = length-prefixed bytes) followed by the value.
 * Varints are little-endian base-128 with the high bit as continuation.
 *
 * <p>{@link #parse} accepts fields in any order, skips unknown field numbers, keeps the last value
 * of a repeated field, and refuses other wire types, over-long varints and lengths past the end.
 */
public final class ProtoFields {
    private static final int MAX_FIELD = 16;
    private final Object[] values = new Object[MAX_FIELD];

    private ProtoFields() {}

    /** The body could not be parsed; {@link #getMessage()} says why. */
    public static final class FormatException extends Exception {
        public FormatException(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses {@code buf[off, end)}. */
    public static ProtoFields parse(byte[] buf, int off, int end) throws FormatException {
        ProtoFields fields = new ProtoFields();
        int[] pos = {off};
        while (pos[0] < end) {
            long tag = readVarint(buf, pos, end);
            int wireType = (int) (tag & 7);
            long field = tag >>> 3;
            if (wireType == 0) {
                long value = readVarint(buf, pos, end);
                fields.put(field, value);
            } else if (wireType == 2) {
                long len = readVarint(buf, pos, end);
                if (len < 0 || len > end - pos[0]) {
                    throw new FormatException("a field's length runs past the end of the message");
                }
                int start = pos[0];
                pos[0] += (int) len;
                fields.put(field, Arrays.copyOfRange(buf, start, pos[0]));
            } else {
                throw new FormatException("unsupported field type " + wireType);
            }
        }
        return fields;
    }

    private void put(long field, Object value) {
        if (field >= 0 && field < MAX_FIELD) {
            values[(int) field] = value;
        }
    }

    private static long readVarint(byte[] buf, int[] pos, int end) throws FormatException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= end) {
                throw new FormatException("a varint runs past the end of the message");
            }
            int b = buf[pos[0]++] & 0xff;
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new FormatException("a varint is longer than 64 bits");
    }

    /** The bytes of a length-delimited field, or null when absent or of the wrong type. */
    public byte[] bytes(int field) {
        return values[field] instanceof byte[] b ? b : null;
    }

    /** The value of an integer field, or null when absent or of the wrong type. */
    public Long integer(int field) {
        return values[field] instanceof Long l ? l : null;
    }

    /** Writes fields in the order they are added. */
    public static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

        public Writer raw(int b) {
            out.write(b);
            return this;
        }

        public Writer integer(int field, long value) {
            varint(((long) field << 3));
            varint(value);
            return this;
        }

        public Writer bytes(int field, byte[] value) {
            varint(((long) field << 3) | 2);
            varint(value.length);
            out.writeBytes(value);
            return this;
        }

        private void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        /** The bytes so far, with {@code extra} zero bytes reserved at the end (for a MAC or signature). */
        public byte[] toBytes(int extra) {
            byte[] body = out.toByteArray();
            return extra == 0 ? body : Arrays.copyOf(body, body.length + extra);
        }
    }
}
