package org.compliancebot.bot.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.compliancebot.bot.evidence.MerkleProofs;
import org.compliancebot.bot.evidence.ProofException;
import org.compliancebot.bot.evidence.TreeHead;
import org.compliancebot.bot.evidence.packet.PacketFiles;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/** Each earlier signed head in consistency.json is signed by the log key, and the packet's head extends it. */
final class ConsistencyCheck implements Check {
    @Override
    public String name() {
        return "consistency proofs";
    }

    @Override
    public String run(VerifyContext ctx) throws CheckFailure {
        JsonNode proofs = ctx.json(PacketFiles.CONSISTENCY).path("proofs");
        if (!proofs.isArray()) {
            throw new CheckFailure(PacketFiles.CONSISTENCY, "has no list of proofs");
        }
        int i = 0;
        StringBuilder sizes = new StringBuilder();
        for (JsonNode p : proofs) {
            i++;
            String where = PacketFiles.CONSISTENCY + " proof " + i;
            TreeHead from;
            try {
                from = TreeHead.fromJson(p.path("from"));
            } catch (IllegalArgumentException e) {
                throw new CheckFailure(where, e.getMessage());
            }
            if (!from.verify(ctx.key)) {
                throw new CheckFailure(where, "the earlier tree head's signature does not verify with the log key");
            }
            if (p.path("to_size").asLong(-1) != ctx.head.size()) {
                throw new CheckFailure(where, "leads to another size than the packet's tree head");
            }
            List<byte[]> path = new ArrayList<>();
            for (JsonNode h : p.path("path")) {
                path.add(UnpaddedBase64.decode(h.asText()).orElseThrow(() -> new CheckFailure(where, "a path element is not base64")));
            }
            try {
                MerkleProofs.verifyConsistency(from.size(), ctx.head.size(), path, from.root(), ctx.head.root());
            } catch (ProofException e) {
                throw new CheckFailure(where, "the log did not only grow between sizes " + from.size() + " and "
                        + ctx.head.size() + ": " + e.getMessage());
            }
            sizes.append(sizes.isEmpty() ? "" : ", ").append(from.size());
        }
        return i == 0 ? "no earlier heads to compare" : "the head extends the signed heads of size " + sizes;
    }
}
