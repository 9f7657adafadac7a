package org.compliancebot.bot.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tree and its proofs against the published RFC 6962 / 9162 reference vectors (the 8-leaf tree of the
 * certificate-transparency and transparency-dev/merkle test suites), and round trips for every size up to 40.
 */
class MerkleTreeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"};
    private static final String[] ROOTS = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    private static MerkleTree referenceTree() {
        MerkleTree t = new MerkleTree();
        for (String leaf : LEAVES) {
            t.append(MerkleHashing.leafHash(HEX.parseHex(leaf)));
        }
        return t;
    }

    private static List<byte[]> hashes(String... hex) {
        List<byte[]> out = new ArrayList<>();
        for (String h : hex) {
            out.add(HEX.parseHex(h));
        }
        return out;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    @Test
    void emptyTreeHashesToSha256OfNothing() {
        assertThat(HEX.formatHex(new MerkleTree().root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void rootsOfEveryPrefixMatchTheReference() {
        MerkleTree t = referenceTree();
        for (int size = 1; size <= 8; size++) {
            assertThat(HEX.formatHex(t.root(size))).as("root of size %d", size).isEqualTo(ROOTS[size - 1]);
        }
    }

    @Test
    void inclusionProofsMatchTheReference() throws ProofException {
        MerkleTree t = referenceTree();
        assertThat(hex(t.inclusionProof(0, 8))).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hex(t.inclusionProof(5, 8))).containsExactly(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(hex(t.inclusionProof(2, 3))).containsExactly(
                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        assertThat(hex(t.inclusionProof(1, 5))).containsExactly(
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertThat(t.inclusionProof(0, 1)).isEmpty();
        MerkleProofs.verifyInclusion(5, 8, t.leafHash(5), t.inclusionProof(5, 8), HEX.parseHex(ROOTS[7]));
    }

    @Test
    void consistencyProofsMatchTheReference() throws ProofException {
        MerkleTree t = referenceTree();
        assertThat(hex(t.consistencyProof(1, 8))).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hex(t.consistencyProof(6, 8))).containsExactly(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(hex(t.consistencyProof(2, 5))).containsExactly(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertThat(hex(t.consistencyProof(6, 7))).containsExactly(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(t.consistencyProof(1, 1)).isEmpty();
        MerkleProofs.verifyConsistency(6, 8, t.consistencyProof(6, 8), HEX.parseHex(ROOTS[5]), HEX.parseHex(ROOTS[7]));
    }

    @Test
    void everyProofOfEverySizeVerifiesAndACorruptedOneDoesNot() throws ProofException {
        MerkleTree t = new MerkleTree();
        for (int i = 0; i < 40; i++) {
            t.append(MerkleHashing.leafHash(new byte[] {(byte) i}));
        }
        for (long n = 1; n <= 40; n++) {
            byte[] root = t.root(n);
            for (long i = 0; i < n; i++) {
                List<byte[]> path = t.inclusionProof(i, n);
                MerkleProofs.verifyInclusion(i, n, t.leafHash(i), path, root);
                if (!path.isEmpty()) {
                    List<byte[]> bad = new ArrayList<>(path);
                    byte[] flipped = bad.get(0).clone();
                    flipped[0] ^= 8;
                    bad.set(0, flipped);
                    long index = i;
                    long size = n;
                    assertThatThrownBy(() -> MerkleProofs.verifyInclusion(index, size, t.leafHash(index), bad, root))
                            .isInstanceOf(ProofException.class);
                    assertThatThrownBy(() -> MerkleProofs.verifyInclusion(index, size, t.leafHash(index),
                            path.subList(0, path.size() - 1), root)).isInstanceOf(ProofException.class);
                }
            }
            for (long m = 0; m <= n; m++) {
                MerkleProofs.verifyConsistency(m, n, t.consistencyProof(m, n), t.root(m), root);
            }
        }
    }

    @Test
    void wrongIndexWrongSizeAndSwappedRootsFail() {
        MerkleTree t = referenceTree();
        List<byte[]> path = t.inclusionProof(5, 8);
        byte[] root = t.root(8);
        assertThatThrownBy(() -> MerkleProofs.verifyInclusion(4, 8, t.leafHash(5), path, root)).isInstanceOf(ProofException.class);
        assertThatThrownBy(() -> MerkleProofs.verifyInclusion(5, 16, t.leafHash(5), path, root)).isInstanceOf(ProofException.class);
        assertThatThrownBy(() -> MerkleProofs.verifyInclusion(5, 4, t.leafHash(5), path, root)).isInstanceOf(ProofException.class);
        List<byte[]> c = t.consistencyProof(6, 8);
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(6, 8, c, root, t.root(6))).isInstanceOf(ProofException.class);
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(5, 8, c, t.root(5), root)).isInstanceOf(ProofException.class);
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(6, 8, List.of(), t.root(6), root)).isInstanceOf(ProofException.class);
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(1, 1, hashes(ROOTS[0]), t.root(1), t.root(1)))
                .isInstanceOf(ProofException.class);
    }
}
