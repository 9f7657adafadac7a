package org.compliancebot.bot.evidence.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.compliancebot.bot.evidence.MerkleHashing;
import org.compliancebot.bot.evidence.MerkleTree;
import org.junit.jupiter.api.Test;

/**
 * Checking all proofs against one shared tree accepts exactly what checking each proof on its own accepts: every
 * tree size up to 70 with every leaf, and random subsets of leaves; a changed leaf, path element, shortened or
 * lengthened path, or another root fails.
 */
class InclusionTreeTest {
    private static MerkleTree tree(int size) {
        MerkleTree t = new MerkleTree();
        for (int i = 0; i < size; i++) {
            t.append(MerkleHashing.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return t;
    }

    private record Case(long[] seqs, byte[][] leaves, byte[][][] paths, byte[][] flat) {
        byte[][] flatPaths() {
            byte[][] out = new byte[paths.length][];
            for (int k = 0; k < paths.length; k++) {
                out[k] = joined(paths[k]);
            }
            return out;
        }
    }

    private static byte[] joined(byte[][] path) {
        byte[] out = new byte[path.length * 32];
        for (int k = 0; k < path.length; k++) {
            System.arraycopy(path[k], 0, out, 32 * k, 32);
        }
        return out;
    }

    private static Case of(MerkleTree t, List<Integer> indexes) {
        int n = indexes.size();
        Case c = new Case(new long[n], new byte[n][], new byte[n][][], new byte[n][]);
        for (int k = 0; k < n; k++) {
            int i = indexes.get(k);
            c.seqs[k] = i;
            c.leaves[k] = t.leafHash(i);
            c.paths[k] = t.inclusionProof(i, t.size()).toArray(byte[][]::new);
            c.flat[k] = joined(c.paths[k]);
        }
        return c;
    }

    /** Checks the proofs decoded and as text; both forms must give the same answer. */
    private static boolean verify(MerkleTree t, Case c) {
        byte[][] flat = c.flatPaths();
        boolean decoded = InclusionTree.verify(t.size(), t.root(), c.seqs, c.leaves, flat);
        int n = flat.length;
        ProofPaths.Text text = new ProofPaths.Text(new byte[n][], new int[n], new int[n]);
        for (int k = 0; k < n; k++) {
            text.data()[k] = ProofPaths.Text.layout(flat[k]);
            text.count()[k] = flat[k].length / 32;
        }
        assertThat(InclusionTree.verify(t.size(), t.root(), c.seqs, c.leaves, text)).as("as text").isEqualTo(decoded);
        return decoded;
    }

    @Test
    void acceptsEveryLeafAndRandomSubsetsOfEverySize() {
        Random random = new Random(7);
        for (int size = 1; size <= 70; size++) {
            MerkleTree t = tree(size);
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                all.add(i);
            }
            assertThat(verify(t, of(t, all))).as("all of %d", size).isTrue();
            for (int trial = 0; trial < 10; trial++) {
                List<Integer> subset = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    if (random.nextInt(3) == 0) {
                        subset.add(i);
                    }
                }
                assertThat(verify(t, of(t, subset))).as("subset %s of %d", subset, size).isTrue();
            }
        }
    }

    @Test
    void rejectsAnyChange() {
        Random random = new Random(11);
        for (int size = 1; size <= 40; size++) {
            MerkleTree t = tree(size);
            for (int trial = 0; trial < 20; trial++) {
                List<Integer> subset = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    if (random.nextBoolean()) {
                        subset.add(i);
                    }
                }
                if (subset.isEmpty()) {
                    continue;
                }
                Case c = of(t, subset);
                int k = random.nextInt(subset.size());
                switch (trial % 5) {
                    case 0 -> c.leaves[k] = flip(c.leaves[k]);
                    case 1 -> {
                        if (c.paths[k].length == 0) {
                            continue;
                        }
                        int p = random.nextInt(c.paths[k].length);
                        c.paths[k][p] = flip(c.paths[k][p]);
                    }
                    case 2 -> {
                        if (c.paths[k].length == 0) {
                            continue;
                        }
                        c.paths[k] = java.util.Arrays.copyOf(c.paths[k], c.paths[k].length - 1);
                    }
                    case 3 -> {
                        c.paths[k] = java.util.Arrays.copyOf(c.paths[k], c.paths[k].length + 1);
                        c.paths[k][c.paths[k].length - 1] = t.leafHash(0);
                    }
                    default -> {
                        assertThat(InclusionTree.verify(t.size(), flip(t.root()), c.seqs, c.leaves, c.flatPaths())).isFalse();
                        continue;
                    }
                }
                assertThat(verify(t, c)).as("size %d trial %d leaf %d", size, trial, subset.get(k)).isFalse();
            }
        }
    }

    /** Large enough that both passes split their work over the cores. */
    @Test
    void largeTreesInPartsAcceptTheirProofsAndRejectAnyChange() {
        Random random = new Random(13);
        MerkleTree t = tree(20_011);
        List<Integer> all = new ArrayList<>();
        List<Integer> subset = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            all.add(i);
            if (random.nextInt(4) != 0) {
                subset.add(i);
            }
        }
        for (List<Integer> leaves : List.of(all, subset)) {
            Case c = of(t, leaves);
            assertThat(verify(t, c)).as("%d leaves", leaves.size()).isTrue();
            for (int trial = 0; trial < 6; trial++) {
                Case changed = of(t, leaves);
                int k = random.nextInt(leaves.size());
                int p = random.nextInt(changed.paths[k].length);
                changed.paths[k][p] = flip(changed.paths[k][p]);
                assertThat(verify(t, changed)).as("element %d of leaf %d changed", p, leaves.get(k)).isFalse();
            }
            Case other = of(t, leaves);
            int k = random.nextInt(leaves.size());
            other.leaves[k] = flip(other.leaves[k]);
            assertThat(verify(t, other)).as("leaf %d changed", leaves.get(k)).isFalse();
        }
    }

    @Test
    void rejectsLeavesOutOfOrderOrOutsideTheTree() {
        MerkleTree t = tree(9);
        Case c = of(t, List.of(2, 5));
        assertThat(InclusionTree.verify(t.size(), t.root(), new long[] {5, 2}, new byte[][] {c.leaves[1], c.leaves[0]},
                new byte[][] {c.flat[1], c.flat[0]})).isFalse();
        assertThat(InclusionTree.verify(8, t.root(), c.seqs, c.leaves, c.flatPaths())).isFalse();
    }

    private static byte[] flip(byte[] b) {
        byte[] c = b.clone();
        c[c.length / 2] ^= 1;
        return c;
    }
}
