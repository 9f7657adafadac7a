package org.compliancebot.bridge.crypto.megolm;

import java.util.Arrays;
import org.compliancebot.bridge.crypto.primitives.HmacSha256;

/**
 * The Megolm ratchet R(i): four 32-byte parts and a 32-bit index (spec "The Megolm ratchet
 * algorithm"). Part j is reseeded from a higher part whenever index byte j changes:
 * {@code H_k(A) = HMAC-SHA-256(A, k)} for k = 0..3.
 *
 * <p>Mutable and not thread-safe; callers copy it before speculative advances. Holds key material.
 */
public final class MegolmRatchet {
    public static final int LENGTH = 128;
    private static final int PART = 32;
    private final byte[] data;
    private int index;

    MegolmRatchet(byte[] data, long index) {
        if (data.length != LENGTH) {
            throw new IllegalArgumentException("a Megolm ratchet is 128 bytes");
        }
        this.data = data;
        this.index = (int) index;
    }

    /** A ratchet with the given value (copied) at the given index. */
    public static MegolmRatchet of(byte[] value, long index) {
        return new MegolmRatchet(value.clone(), index);
    }

    /** The index as an unsigned 32-bit number. */
    public long index() {
        return Integer.toUnsignedLong(index);
    }

    /** A copy of the 128-byte value R(i). */
    public byte[] value() {
        return data.clone();
    }

    byte[] raw() {
        return data;
    }

    public MegolmRatchet copy() {
        return new MegolmRatchet(data.clone(), index());
    }

    /** Advances by one. */
    public void advance() {
        int next = index + 1;
        int from;
        if ((next & 0xffffff) == 0) {
            from = 0;
        } else if ((next & 0xffff) == 0) {
            from = 1;
        } else if ((next & 0xff) == 0) {
            from = 2;
        } else {
            from = 3;
        }
        reseedFrom(from);
        index = next;
    }

    /** Rehashes parts {@code from..3} from part {@code from}; part {@code from} itself last. */
    private void reseedFrom(int from) {
        for (int k = 3; k >= from; k--) {
            HmacSha256.macOfByte(data, from * PART, (byte) k, data, k * PART);
        }
    }

    /**
     * Advances to {@code target} with at most 255 hashes per part (1020 in all), rather than one
     * step at a time.
     *
     * @throws IllegalArgumentException if {@code target} is before the current index or past 2^32-1
     */
    public void advanceTo(long target) {
        if (target < index() || target > 0xffffffffL) {
            throw new IllegalArgumentException("cannot move a Megolm ratchet from " + index() + " to " + target);
        }
        int t = (int) target;
        for (int j = 0; j < 4; j++) {
            int shift = 8 * (3 - j);
            int steps = ((t >>> shift) - (index >>> shift)) & 0xff;
            if (steps == 0) {
                continue;
            }
            // All but the last step only move part j; the last one also reseeds the parts below it.
            for (int s = 1; s < steps; s++) {
                HmacSha256.macOfByte(data, j * PART, (byte) j, data, j * PART);
            }
            reseedFrom(j);
            index = (t >>> shift) << shift;
        }
        index = t;
    }

    @Override
    public String toString() {
        return "MegolmRatchet[index=" + index() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MegolmRatchet r && r.index == index && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return index;
    }
}
