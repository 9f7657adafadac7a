package org.compliancebot.bot.evidence.verify;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.compliancebot.bot.evidence.MerkleHashing;

/**
 * Checks many RFC 9162 inclusion proofs into one tree at once, in two passes.
 *
 * <p>First the tree: level by level, the nodes the packet's leaves give are hashed up to the top, which must be the
 * signed root. Where a node's sibling is not given by the leaves, the path of the first record below the node
 * supplies it. Every node a path may name (each known node and each supplied sibling) is kept, per level, with its
 * base64 text. Each internal node is hashed once.
 *
 * <p>Then the proofs, record after record on all cores: at each level the record's path element must be the kept
 * node beside the record's ancestor, and the path must end where the levels do. Every proof then leads to the root
 * exactly as if each were recomputed on its own (RFC 9162 2.1.3.2), at a fraction of the hashing, and each proof is
 * read once, front to back.
 */
final class InclusionTree {
    private static final int PARALLEL_FROM = 4096;
    private static final int CHUNK = 1024;
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
        List<Nodes> levels = levels(size, root, seqs, leaves, paths);
        if (levels == null) {
            return false;
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        if (chunks == 1) {
            return proves(size, seqs, paths, levels, 0, n);
        }
        return !VerifyPool.forChunks(chunks, c -> proves(size, seqs, paths, levels, c * CHUNK, Math.min(n, (c + 1) * CHUNK)))
                .contains(false);
    }

    /**
     * The first pass: the nodes of each level that some path may name, bottom level first; null when a path is too
     * short to supply a sibling or the top is not {@code root}.
     */
    private static List<Nodes> levels(long size, byte[] root, long[] seqs, byte[][] leaves, ProofPaths paths) {
        int n = seqs.length;
        // The known nodes of the current level: their indexes (ascending), hashes, the first record below each, and
        // how many path elements that record has used below this level.
        Known known = new Known(seqs.clone(), new byte[n * H], new int[n], new int[n], n);
        for (int i = 0; i < n; i++) {
            if (leaves[i] == null || leaves[i].length != H) {
                return null;
            }
            System.arraycopy(leaves[i], 0, known.hash, i * H, H);
            known.first[i] = i;
        }
        List<Nodes> levels = new ArrayList<>();
        for (long levelSize = size; levelSize > 1; levelSize = (levelSize + 1) / 2) {
            Known k = known;
            long ls = levelSize;
            int parts = k.count < PARALLEL_FROM ? 1 : 4 * Runtime.getRuntime().availableProcessors();
            int[] bounds = new int[parts + 1];
            for (int p = 1; p < parts; p++) {
                int b = Math.max(bounds[p - 1], (int) ((long) k.count * p / parts));
                // A pair of sibling nodes stays in one part.
                while (b < k.count && b > 0 && (k.idx[b] & 1) == 1 && k.idx[b - 1] == k.idx[b] - 1) {
                    b++;
                }
                bounds[p] = b;
            }
            bounds[parts] = k.count;
            List<Step> steps = parts == 1 ? Arrays.asList(k.up(ls, 0, k.count, paths))
                    : VerifyPool.forChunks(parts, p -> k.up(ls, bounds[p], bounds[p + 1], paths));
            if (steps.contains(null)) {
                return null; // A path is too short or names no hash where a sibling is needed.
            }
            levels.add(Nodes.joined(steps.stream().map(Step::named).toList()));
            known = Known.joined(steps.stream().map(Step::parents).toList());
        }
        return known.count == 1 && MessageDigest.isEqual(Arrays.copyOf(known.hash, H), root) ? levels : null;
    }

    /** The second pass for records {@code [from, to)}: each path names, level by level, the node beside the record's ancestor. */
    private static boolean proves(long size, long[] seqs, ProofPaths paths, List<Nodes> levels, int from, int to) {
        int[] cursor = new int[levels.size()];
        for (int l = 0; l < levels.size(); l++) {
            cursor[l] = levels.get(l).lowerBound(Math.max(0, (seqs[from] >> l) - 1));
        }
        for (int r = from; r < to; r++) {
            long seq = seqs[r];
            int length = paths.length(r);
            int e = 0;
            long levelSize = size;
            for (int l = 0; levelSize > 1; l++, levelSize = (levelSize + 1) / 2) {
                long a = seq >> l;
                if ((a & 1) == 0 && a == levelSize - 1) {
                    continue; // The last node of an odd level moves up unchanged: no path element.
                }
                Nodes level = levels.get(l);
                long sibling = a ^ 1;
                int p = cursor[l];
                // Siblings of ascending records ascend but for a step back of at most two.
                while (p > 0 && level.idx[p - 1] >= sibling) {
                    p--;
                }
                while (p < level.count && level.idx[p] < sibling) {
                    p++;
                }
                cursor[l] = p;
                if (e == length || p == level.count || level.idx[p] != sibling || !paths.is(r, e, level, p)) {
                    return false;
                }
                e++;
            }
            if (e != length) {
                return false;
            }
        }
        return true;
    }

    /** The known nodes of one level. */
    private record Known(long[] idx, byte[] hash, int[] first, int[] used, int count) {
        static Known joined(List<Known> parts) {
            int total = parts.stream().mapToInt(Known::count).sum();
            Known out = new Known(new long[total], new byte[total * H], new int[total], new int[total], total);
            int at = 0;
            for (Known k : parts) {
                System.arraycopy(k.idx, 0, out.idx, at, k.count);
                System.arraycopy(k.hash, 0, out.hash, at * H, k.count * H);
                System.arraycopy(k.first, 0, out.first, at, k.count);
                System.arraycopy(k.used, 0, out.used, at, k.count);
                at += k.count;
            }
            return out;
        }

        /**
         * The parents of the nodes {@code [from, to)} of a level of {@code levelSize} nodes, and the nodes of this
         * level that paths may name; null when a path is too short or names no hash where a sibling is needed.
         */
        Step up(long levelSize, int from, int to, ProofPaths paths) {
            int most = to - from;
            Known parents = new Known(new long[most], new byte[most * H], new int[most], new int[most], 0);
            long[] namedIdx = new long[2 * most];
            byte[] namedHash = new byte[2 * most * H];
            int parent = 0;
            int named = 0;
            MessageDigest md = newDigest();
            for (int k = from; k < to; k++) {
                long j = idx[k];
                if ((j & 1) == 0 && j == levelSize - 1) {
                    // The last node of an odd level moves up unchanged; no path names it at this level.
                    parents.idx[parent] = j >> 1;
                    System.arraycopy(hash, k * H, parents.hash, parent * H, H);
                    parents.first[parent] = first[k];
                    parents.used[parent] = used[k];
                    parent++;
                    continue;
                }
                boolean left = (j & 1) == 0;
                boolean pair = left && k + 1 < to && idx[k + 1] == j + 1;
                byte[] sibling = null;
                if (!pair) {
                    // The first record below this node supplies its sibling.
                    if (used[k] >= paths.length(first[k]) || (sibling = paths.node(first[k], used[k])) == null) {
                        return null;
                    }
                }
                if (!left) {
                    namedIdx[named] = j - 1;
                    System.arraycopy(sibling, 0, namedHash, named * H, H);
                    named++;
                }
                namedIdx[named] = j;
                System.arraycopy(hash, k * H, namedHash, named * H, H);
                named++;
                if (pair) {
                    namedIdx[named] = j + 1;
                    System.arraycopy(hash, (k + 1) * H, namedHash, named * H, H);
                    named++;
                } else if (left) {
                    namedIdx[named] = j + 1;
                    System.arraycopy(sibling, 0, namedHash, named * H, H);
                    named++;
                }
                md.update((byte) 0x01);
                if (pair) {
                    md.update(hash, k * H, 2 * H);
                } else if (left) {
                    md.update(hash, k * H, H);
                    md.update(sibling);
                } else {
                    md.update(sibling);
                    md.update(hash, k * H, H);
                }
                try {
                    md.digest(parents.hash, parent * H, H);
                } catch (DigestException e) {
                    throw new IllegalStateException(e);
                }
                parents.idx[parent] = j >> 1;
                parents.first[parent] = first[k];
                parents.used[parent] = used[k] + 1;
                parent++;
                if (pair) {
                    k++;
                }
            }
            return new Step(new Known(parents.idx, parents.hash, parents.first, parents.used, parent),
                    Nodes.of(namedIdx, namedHash, named));
        }
    }

    private record Step(Known parents, Nodes named) {}

    /**
     * The nodes of one level that paths may name: indexes ascending, the hashes and their padded base64 text one
     * after the other ({@link #H} and {@link ProofPaths.Text#TEXT} bytes each).
     */
    record Nodes(long[] idx, byte[] hash, byte[] text, int count) {
        static Nodes of(long[] idx, byte[] hash, int count) {
            int t = ProofPaths.Text.TEXT;
            byte[] text = new byte[count * t];
            Base64.Encoder encoder = Base64.getEncoder();
            byte[] one = new byte[H];
            byte[] oneText = new byte[t];
            for (int p = 0; p < count; p++) {
                System.arraycopy(hash, p * H, one, 0, H);
                encoder.encode(one, oneText);
                System.arraycopy(oneText, 0, text, p * t, t);
            }
            return new Nodes(idx, hash, text, count);
        }

        static Nodes joined(List<Nodes> parts) {
            int total = parts.stream().mapToInt(Nodes::count).sum();
            Nodes out = new Nodes(new long[total], new byte[total * H], new byte[total * ProofPaths.Text.TEXT], total);
            int at = 0;
            for (Nodes p : parts) {
                System.arraycopy(p.idx, 0, out.idx, at, p.count);
                System.arraycopy(p.hash, 0, out.hash, at * H, p.count * H);
                System.arraycopy(p.text, 0, out.text, at * ProofPaths.Text.TEXT, p.count * ProofPaths.Text.TEXT);
                at += p.count;
            }
            return out;
        }

        /** The first position whose index is at least {@code i}. */
        int lowerBound(long i) {
            int lo = 0;
            int hi = count;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (idx[mid] < i) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
