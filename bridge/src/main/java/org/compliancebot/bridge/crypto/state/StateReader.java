package org.compliancebot.bridge.crypto.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads what {@link StateWriter} wrote, refusing truncated or trailing data. */
public final class StateReader {
    private final byte[] buf;
    private int pos;
    private final int version;

    /** Checks the magic tag and that the version is between 1 and {@code maxVersion}. */
    public StateReader(byte[] buf, String magic, int maxVersion) throws StateDecodeException {
        this.buf = buf;
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        if (buf.length < 5 || !Arrays.equals(buf, 0, 4, m, 0, 4)) {
            throw new StateDecodeException("not a persisted " + magic + " state");
        }
        pos = 4;
        version = u8();
        if (version < 1 || version > maxVersion) {
            throw new StateDecodeException("unsupported " + magic + " state version " + version
                    + "; this build reads up to " + maxVersion);
        }
    }

    public int version() {
        return version;
    }

    private void need(long n) throws StateDecodeException {
        if (n < 0 || n > buf.length - pos) {
            throw new StateDecodeException("persisted state is truncated");
        }
    }

    public int u8() throws StateDecodeException {
        need(1);
        return buf[pos++] & 0xff;
    }

    public boolean bool() throws StateDecodeException {
        int b = u8();
        if (b > 1) {
            throw new StateDecodeException("persisted state has a corrupt flag");
        }
        return b == 1;
    }

    public long u32() throws StateDecodeException {
        need(4);
        long v = ((buf[pos] & 0xffL) << 24) | ((buf[pos + 1] & 0xffL) << 16)
                | ((buf[pos + 2] & 0xffL) << 8) | (buf[pos + 3] & 0xffL);
        pos += 4;
        return v;
    }

    public long u64() throws StateDecodeException {
        return (u32() << 32) | u32();
    }

    /** A count bounded by {@code max}, to refuse absurd sizes in corrupt data. */
    public int count(int max) throws StateDecodeException {
        long n = u32();
        if (n > max) {
            throw new StateDecodeException("persisted state has a corrupt count " + n);
        }
        return (int) n;
    }

    public byte[] fixed(int len) throws StateDecodeException {
        need(len);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return b;
    }

    public byte[] bytes() throws StateDecodeException {
        long len = u32();
        need(len);
        return fixed((int) len);
    }

    public String string() throws StateDecodeException {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** Call after the last field: trailing bytes mean corrupt state. */
    public void end() throws StateDecodeException {
        if (pos != buf.length) {
            throw new StateDecodeException("persisted state has trailing bytes");
        }
    }
}
