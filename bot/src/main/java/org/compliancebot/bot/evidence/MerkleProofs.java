package org.compliancebot.bot.evidence;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Verification of RFC 9162 inclusion (2.1.3.2) and consistency (2.1.4.2) proofs. Needs nothing but
 * the hashes: this is what an offline verifier runs. Stateless and thread-safe.
 */
public final class MerkleProofs {
    private MerkleProofs() {}

    /** Checks that {@code leafHash} is leaf {@code index} of the tree of {@code size} leaves with {@code root}. */
    public static void verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root)
            throws ProofException {
        byte[] computed = rootFromInclusion(index, size, leafHash, path);
        if (!MessageDigest.isEqual(computed, root)) {
            throw new ProofException("the inclusion proof of leaf " + index + " leads to another root than the tree head's");
        }
    }

    /** The root that an inclusion proof leads to; fails when the path has the wrong length. */
    public static byte[] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> path) throws ProofException {
        if (index < 0 || index >= size) {
            throw new ProofException("leaf index " + index + " is outside a tree of size " + size);
        }
        checkHashes(path);
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                throw new ProofException("the inclusion proof is longer than the tree is high");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashing.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = MerkleHashing.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new ProofException("the inclusion proof is shorter than the tree is high");
        }
        return r;
    }

    /** Checks that the tree of {@code size2} with {@code root2} extends the tree of {@code size1} with {@code root1}. */
    public static void verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
            throws ProofException {
        if (size1 < 0 || size2 < size1) {
            throw new ProofException("a tree of size " + size2 + " cannot extend one of size " + size1);
        }
        checkHashes(proof);
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new ProofException("a consistency proof between equal sizes must be empty");
            }
            if (!MessageDigest.isEqual(root1, root2)) {
                throw new ProofException("two tree heads of size " + size1 + " have different roots");
            }
            return;
        }
        if (size1 == 0) {
            if (!proof.isEmpty()) {
                throw new ProofException("a consistency proof from the empty tree must be empty");
            }
            return;
        }
        if (proof.isEmpty()) {
            throw new ProofException("the consistency proof is empty");
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(size1) == 1) {
            path.add(0, root1);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                throw new ProofException("the consistency proof is longer than expected");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHashing.nodeHash(c, fr);
                sr = MerkleHashing.nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = MerkleHashing.nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new ProofException("the consistency proof is shorter than expected");
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            throw new ProofException("the consistency proof does not lead to the earlier root (size " + size1 + ")");
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            throw new ProofException("the consistency proof does not lead to the later root (size " + size2 + ")");
        }
    }

    private static void checkHashes(List<byte[]> hashes) throws ProofException {
        for (byte[] h : hashes) {
            if (h == null || h.length != MerkleHashing.HASH_LENGTH) {
                throw new ProofException("a proof element is not a 32-byte hash");
            }
        }
    }
}
