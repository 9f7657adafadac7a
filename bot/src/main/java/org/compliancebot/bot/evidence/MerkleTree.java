package org.compliancebot.bot.evidence;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An append-only Merkle tree over leaf hashes (RFC 9162 section 2.1). It keeps every complete,
 * aligned subtree hash level by level, so appending costs about two hashes and proofs for any
 * earlier tree size need O(log^2 n) hashes. Memory is about 64 bytes per leaf.
 *
 * <p>Not thread-safe; callers serialise appends and reads.
 */
public final class MerkleTree {
    /** levels.get(h).get(i) is the hash of leaves [i * 2^h, (i + 1) * 2^h). */
    private final List<List<byte[]>> levels = new ArrayList<>();

    public MerkleTree() {
        levels.add(new ArrayList<>());
    }

    public static MerkleTree ofLeafHashes(List<byte[]> leafHashes) {
        MerkleTree t = new MerkleTree();
        leafHashes.forEach(t::append);
        return t;
    }

    public long size() {
        return levels.get(0).size();
    }

    /** Appends a leaf hash (already computed with {@link MerkleHashing#leafHash}). */
    public void append(byte[] leafHash) {
        if (leafHash.length != MerkleHashing.HASH_LENGTH) {
            throw new IllegalArgumentException("a leaf hash is 32 bytes");
        }
        byte[] node = leafHash;
        int height = 0;
        while (true) {
            List<byte[]> level = levels.get(height);
            level.add(node);
            if (level.size() % 2 != 0) {
                return;
            }
            node = MerkleHashing.nodeHash(level.get(level.size() - 2), node);
            height++;
            if (levels.size() == height) {
                levels.add(new ArrayList<>());
            }
        }
    }

    public byte[] leafHash(long index) {
        return levels.get(0).get(Math.toIntExact(index)).clone();
    }

    /** The root of the tree of the first {@code size} leaves. */
    public byte[] root(long size) {
        checkSize(size);
        return size == 0 ? MerkleHashing.emptyRoot() : subtree(0, size);
    }

    public byte[] root() {
        return root(size());
    }

    /** The audit path of leaf {@code index} in the tree of size {@code size} (RFC 9162 2.1.3.1), leaf side first. */
    public List<byte[]> inclusionProof(long index, long size) {
        checkSize(size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, size, path);
        return path;
    }

    private void path(long m, long start, long end, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, start, start + k, out);
            out.add(subtree(start + k, end));
        } else {
            path(m - k, start + k, end, out);
            out.add(subtree(start, start + k));
        }
    }

    /** The consistency proof between sizes {@code m} and {@code n} (RFC 9162 2.1.4.1). */
    public List<byte[]> consistencyProof(long m, long n) {
        checkSize(n);
        if (m < 0 || m > n) {
            throw new IllegalArgumentException("no consistency proof from " + m + " to " + n);
        }
        List<byte[]> out = new ArrayList<>();
        if (m == 0 || m == n) {
            return out;
        }
        subproof(m, 0, n, true, out);
        return out;
    }

    private void subproof(long m, long start, long end, boolean original, List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!original) {
                out.add(subtree(start, end));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, original, out);
            out.add(subtree(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, out);
            out.add(subtree(start, start + k));
        }
    }

    /** MTH(D[start:end]): aligned complete subtrees come from the stored levels. */
    private byte[] subtree(long start, long end) {
        long n = end - start;
        if (Long.bitCount(n) == 1 && start % n == 0) {
            int h = Long.numberOfTrailingZeros(n);
            return levels.get(h).get(Math.toIntExact(start >> h));
        }
        long k = largestPowerOfTwoBelow(n);
        return MerkleHashing.nodeHash(subtree(start, start + k), subtree(start + k, end));
    }

    /** The largest power of two strictly smaller than n (n >= 2). */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private void checkSize(long size) {
        if (size < 0 || size > size()) {
            throw new IllegalArgumentException("tree size " + size + " is beyond the log's " + size());
        }
    }

    @Override
    public String toString() {
        return "MerkleTree[size=" + size() + (size() > 0 ? ", root=" + HexFormat.of().formatHex(root()) : "") + "]";
    }
}
