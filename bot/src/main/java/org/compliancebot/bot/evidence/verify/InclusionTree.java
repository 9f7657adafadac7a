package org.compliancebot.bot.evidence.verify;

import java.security.MessageDigest;
import java.util.Arrays;
import org.compliancebot.bot.evidence.MerkleHashing;

/**
 * Checks many RFC 9162 inclusion proofs into one tree at once. The leaves and the proofs' path elements fill in
 * the part of the tree the packet covers, level by level: a path element must equal the node the packet's own
 * leaves give for that place when they give it, and every proof passing through a place must state the same
 * node there. Each internal node is hashed once, and the top must be the signed root; then every proof leads to
 * the root, exactly as if each were recomputed on its own (RFC 9162 2.1.3.2), at a fraction of the hashing.
 */
final class InclusionTree {
    private InclusionTree() {}

    /**
     * True when every {@code paths[i]} proves {@code leaves[i]} to be leaf {@code seqs[i]} of the tree of
     * {@code size} leaves with {@code root}. {@code seqs} must be strictly ascending.
     */
    static boolean verify(long size, byte[] root, long[] seqs, byte[][] leaves, byte[][][] paths) {
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
        long[] idx = seqs.clone();
        byte[][] hash = leaves.clone();
        int[] first = new int[n];
        Arrays.setAll(first, i -> i);
        int count = n;
        int[] used = new int[n];
        MessageDigest md = newDigest();
        for (long levelSize = size; levelSize > 1; levelSize = (levelSize + 1) / 2) {
            int next = 0;
            for (int k = 0; k < count; k++) {
                long j = idx[k];
                int from = first[k];
                int to = k + 1 < count ? first[k + 1] : n;
                byte[] parent;
                if ((j & 1) == 0 && j == levelSize - 1) {
                    parent = hash[k]; // The last node of an odd level moves up unchanged: no path element.
                } else {
                    boolean left = (j & 1) == 0;
                    boolean siblingKnown = left && k + 1 < count && idx[k + 1] == j + 1;
                    int sibFrom = siblingKnown ? to : -1;
                    int sibTo = siblingKnown ? (k + 2 < count ? first[k + 2] : n) : -1;
                    byte[] sibling = siblingKnown ? hash[k + 1] : null;
                    // Every record below this node must name its sibling, and all the same one.
                    for (int r = from; r < to; r++) {
                        if (used[r] >= paths[r].length) {
                            return false;
                        }
                        byte[] p = paths[r][used[r]++];
                        if (sibling == null) {
                            sibling = p;
                        } else if (!Arrays.equals(sibling, p)) {
                            return false;
                        }
                    }
                    if (siblingKnown) {
                        for (int r = sibFrom; r < sibTo; r++) {
                            if (used[r] >= paths[r].length || !Arrays.equals(hash[k], paths[r][used[r]++])) {
                                return false;
                            }
                        }
                        k++;
                    }
                    parent = left ? node(md, hash[siblingKnown ? k - 1 : k], sibling) : node(md, sibling, hash[k]);
                }
                idx[next] = j >> 1;
                hash[next] = parent;
                first[next] = from;
                next++;
            }
            count = next;
        }
        for (int r = 0; r < n; r++) {
            if (used[r] != paths[r].length) {
                return false;
            }
        }
        return count == 1 && MessageDigest.isEqual(hash[0], root);
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
