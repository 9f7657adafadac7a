package org.compliancebot.bot.evidence.verify;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;
import org.compliancebot.bot.evidence.MerkleHashing;

/**
 * The path elements of many inclusion proofs, as {@link InclusionTree} reads them: record {@code r}'s element
 * {@code j} (from the leaf up). Either decoded hashes, or the base64 text of proofs.jsonl read in place, which
 * spares decoding the many elements that only need comparing with a node or with each other.
 */
interface ProofPaths {
    VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** How many elements record {@code r}'s path has. */
    int length(int r);

    /** True when element {@code j} of record {@code r} is node {@code p} of {@code nodes}. */
    boolean is(int r, int j, InclusionTree.Nodes nodes, int p);

    /** Element {@code j} of record {@code r} as a hash, or null when it is none. */
    byte[] node(int r, int j);

    /** Decoded paths: each record's hashes one after the other. */
    record Decoded(byte[][] paths) implements ProofPaths {
        private static final int H = MerkleHashing.HASH_LENGTH;

        @Override
        public int length(int r) {
            return paths[r].length / H;
        }

        @Override
        public boolean is(int r, int j, InclusionTree.Nodes nodes, int p) {
            return equal32(nodes.hash(), H * p, paths[r], H * j);
        }

        @Override
        public byte[] node(int r, int j) {
            return Arrays.copyOfRange(paths[r], H * j, H * j + H);
        }

        private static boolean equal32(byte[] a, int ao, byte[] b, int bo) {
            return (long) LONGS.get(a, ao) == (long) LONGS.get(b, bo) && (long) LONGS.get(a, ao + 8) == (long) LONGS.get(b, bo + 8)
                    && (long) LONGS.get(a, ao + 16) == (long) LONGS.get(b, bo + 16)
                    && (long) LONGS.get(a, ao + 24) == (long) LONGS.get(b, bo + 24);
        }
    }

    /**
     * Paths as text in the proofs file's layout: record {@code r}'s element {@code j} is the padded base64 at
     * {@code data[r][start[r] + STRIDE * j, + TEXT)}. A node is compared in its canonical base64 form, so an
     * element that equals it decodes to it; an element that is not canonical base64 equals no node, and the
     * caller then checks the decoded paths.
     */
    record Text(byte[][] data, int[] start, int[] count) implements ProofPaths {
        /** The characters of one element: 32 bytes in padded base64. */
        static final int TEXT = 44;
        /** From one element to the next: the text, its closing quote, a comma and the next opening quote. */
        static final int STRIDE = TEXT + 3;
        private static final Base64.Encoder ENCODER = Base64.getEncoder();

        @Override
        public int length(int r) {
            return count[r];
        }

        @Override
        public boolean is(int r, int j, InclusionTree.Nodes nodes, int p) {
            return equal44(nodes.text(), TEXT * p, data[r], start[r] + STRIDE * j);
        }

        @Override
        public byte[] node(int r, int j) {
            int at = start[r] + STRIDE * j;
            try {
                byte[] h = Base64.getDecoder().decode(Arrays.copyOfRange(data[r], at, at + TEXT));
                return h.length == MerkleHashing.HASH_LENGTH ? h : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** Decoded hashes laid out as the text of proofs.jsonl lays them out, from offset 0. */
        static byte[] layout(byte[] hashes) {
            int n = hashes.length / MerkleHashing.HASH_LENGTH;
            byte[] out = new byte[Math.max(0, n * STRIDE - 3)];
            for (int j = 0; j < n; j++) {
                byte[] text = ENCODER.encode(Arrays.copyOfRange(hashes, j * MerkleHashing.HASH_LENGTH, (j + 1) * MerkleHashing.HASH_LENGTH));
                System.arraycopy(text, 0, out, j * STRIDE, TEXT);
                if (j + 1 < n) {
                    out[j * STRIDE + TEXT] = '"';
                    out[j * STRIDE + TEXT + 1] = ',';
                    out[j * STRIDE + TEXT + 2] = '"';
                }
            }
            return out;
        }

        /** The same paths decoded, or null when an element is not base64 of a hash. */
        Decoded decoded() {
            byte[][] out = new byte[count.length][];
            for (int r = 0; r < count.length; r++) {
                out[r] = new byte[count[r] * MerkleHashing.HASH_LENGTH];
                for (int j = 0; j < count[r]; j++) {
                    byte[] h = node(r, j);
                    if (h == null) {
                        return null;
                    }
                    System.arraycopy(h, 0, out[r], j * MerkleHashing.HASH_LENGTH, MerkleHashing.HASH_LENGTH);
                }
            }
            return new Decoded(out);
        }

        private static boolean equal44(byte[] a, int ao, byte[] b, int bo) {
            return (long) LONGS.get(a, ao) == (long) LONGS.get(b, bo) && (long) LONGS.get(a, ao + 8) == (long) LONGS.get(b, bo + 8)
                    && (long) LONGS.get(a, ao + 16) == (long) LONGS.get(b, bo + 16)
                    && (long) LONGS.get(a, ao + 24) == (long) LONGS.get(b, bo + 24)
                    && (long) LONGS.get(a, ao + 32) == (long) LONGS.get(b, bo + 32) && (int) INTS.get(a, ao + 40) == (int) INTS.get(b, bo + 40);
        }
    }
}
