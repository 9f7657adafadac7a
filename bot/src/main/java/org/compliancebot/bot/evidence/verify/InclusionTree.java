package org.compliancebot.bot.evidence.verify;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.compliancebot.bot.evidence.MerkleHashing;

/**
 * Checks many RFC 9162 inclusion proofs into one tree at once. The leaves and the proofs' path elements fill in
 * the part of the tree the packet covers, level by level: a path element must equal the node the packet's own
 * leaves give for that place when they give it, and every proof passing through a place must state the same
 * node there. Each internal node is hashed once, and the top must be the signed root; then every proof leads to
 * the root, exactly as if each were recomputed on its own (RFC 9162 2.1.3.2), at a fraction of the hashing.
 */
final class InclusionTree {
    private static final int PARALLEL_FROM = 8192;
    private static final int H = MerkleHashing.HASH_LENGTH;

    private InclusionTree() {}

    /**
     * True when every {@code paths[i]} (its 32-byte hashes one after the other) proves {@code leaves[i]} to be leaf {@code seqs[i]} of the tree of
     * {@code size} leaves with {@code root}. {@code seqs} must be strictly ascending.
     */
    static boolean verify(long size, byte[] root, long[] seqs, byte[][] leaves, byte[][] paths) {
        return verify(size, root, seqs, leaves, new ProofPaths.Decoded(paths));
    }

    /** As {@link #verify(long, byte[], long[], byte[][], byte[][])}, with the paths in any form. */
    static boolean verify(long size, byte[] root, long[] seqs, byte[][] leaves, ProofPaths paths) {
        int n = seqs.length;
        if (n == 0) {
            return true;
        }
        if (seqs[0] < 0 || seqs[n - 1] >= size) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            if (seqs[i] <= seqs[i - 1]) {
                return false;
            }
        }
        // The known nodes of the current level: their indexes (ascending), hashes, and the first record below each.
        Level l = new Level(seqs.clone(), leaves.clone(), new int[n], new int[n], paths, n);
        Arrays.setAll(l.first, i -> i);
        int count = n;
        for (long levelSize = size; levelSize > 1; levelSize = (levelSize + 1) / 2) {
            long ls = levelSize;
            int parts = count < PARALLEL_FROM ? 1 : 4 * Runtime.getRuntime().availableProcessors();
            int[] bounds = new int[parts + 1];
            for (int p = 1; p < parts; p++) {
                int b = Math.max(bounds[p - 1], (int) ((long) count * p / parts));
                // A pair of sibling nodes stays in one part.
                while (b < count && b > 0 && (l.idx[b] & 1) == 1 && l.idx[b - 1] == l.idx[b] - 1) {
                    b++;
                }
                bounds[p] = b;
            }
            bounds[parts] = count;
            int total = count;
            List<Integer> written = parts == 1 ? List.of(l.level(ls, 0, count, total))
                    : VerifyPool.forChunks(parts, p -> l.level(ls, bounds[p], bounds[p + 1], total));
            int next = 0;
            for (int p = 0; p < parts; p++) {
                int w = written.get(p);
                if (w < 0) {
                    return false;
                }
                System.arraycopy(l.idx, bounds[p], l.idx, next, w);
                System.arraycopy(l.hash, bounds[p], l.hash, next, w);
                System.arraycopy(l.first, bounds[p], l.first, next, w);
                next += w;
            }
            count = next;
        }
        int[] used = l.used;
        byte[][] hash = l.hash;
        for (int r = 0; r < n; r++) {
            if (used[r] != paths.length(r)) {
                return false;
            }
        }
        return count == 1 && MessageDigest.isEqual(hash[0], root);
    }

    /** One level of known nodes, and how far each record's path has been used. */
    private record Level(long[] idx, byte[][] hash, int[] first, int[] used, ProofPaths paths, int n) {
        /**
         * Replaces the nodes {@code [from, to)} of a level of {@code count} nodes by their parents, written from
         * {@code from} on; returns how many, or -1 when a proof disagrees.
         */
        int level(long levelSize, int from, int to, int count) {
            MessageDigest md = newDigest();
            int next = from;
            for (int k = from; k < to; k++) {
                long j = idx[k];
                int recFrom = first[k];
                int recTo = k + 1 < count ? first[k + 1] : n;
                byte[] parent;
                if ((j & 1) == 0 && j == levelSize - 1) {
                    parent = hash[k]; // The last node of an odd level moves up unchanged: no path element.
                } else {
                    boolean left = (j & 1) == 0;
                    boolean siblingKnown = left && k + 1 < to && idx[k + 1] == j + 1;
                    byte[] sibling = siblingKnown ? hash[k + 1] : null;
                    // Every record below this node must name its sibling, and all the same one: the first is compared
                    // with the sibling (or gives it, when the packet's leaves do not), the others with the first.
                    int firstJ = used[recFrom];
                    for (int r = recFrom; r < recTo; r++) {
                        if (used[r] >= paths.length(r)) {
                            return -1;
                        }
                        int e = used[r]++;
                        if (r == recFrom) {
                            if (sibling == null) {
                                sibling = paths.node(r, e);
                                if (sibling == null) {
                                    return -1;
                                }
                            } else if (!paths.isNode(r, e, sibling)) {
                                return -1;
                            }
                        } else if (!paths.same(r, e, recFrom, firstJ)) {
                            return -1;
                        }
                    }
                    byte[] self = hash[k];
                    if (siblingKnown) {
                        int sibTo = k + 2 < count ? first[k + 2] : n;
                        int selfJ = recTo < sibTo ? used[recTo] : -1;
                        for (int r = recTo; r < sibTo; r++) {
                            if (used[r] >= paths.length(r)) {
                                return -1;
                            }
                            int e = used[r]++;
                            if (r == recTo ? !paths.isNode(r, e, self) : !paths.same(r, e, recTo, selfJ)) {
                                return -1;
                            }
                        }
                        k++;
                    }
                    parent = left ? node(md, self, sibling) : node(md, sibling, self);
                }
                idx[next] = j >> 1;
                hash[next] = parent;
                first[next] = recFrom;
                next++;
            }
            return next - from;
        }
    }

    private static byte[] node(MessageDigest md, byte[] left, byte[] right) {
        md.update((byte) 0x01);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
