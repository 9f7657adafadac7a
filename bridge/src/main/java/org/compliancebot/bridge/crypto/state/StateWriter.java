package org.compliancebot.bridge.crypto.state;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the versioned binary form of crypto state: big-endian integers, length-prefixed byte
 * strings. The output contains secrets; the store encrypts it at rest.
 */
public final class StateWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    /** Starts a record with a 4-byte magic tag and a format version. */
    public StateWriter(String magic, int version) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        if (m.length != 4) {
            throw new IllegalArgumentException("magic is 4 ASCII characters");
        }
        out.writeBytes(m);
        u8(version);
    }

    public StateWriter u8(int v) {
        out.write(v);
        return this;
    }

    public StateWriter bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    public StateWriter u32(long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
        return this;
    }

    public StateWriter u64(long v) {
        u32(v >>> 32);
        return u32(v & 0xffffffffL);
    }

    /** A fixed-length field whose length the reader knows. */
    public StateWriter fixed(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** A length-prefixed byte string. */
    public StateWriter bytes(byte[] b) {
        u32(b.length);
        return fixed(b);
    }

    public StateWriter string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }
}
