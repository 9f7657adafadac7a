package org.compliancebot.bot.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.compliancebot.bot.evidence.packet.PacketFiles;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/** The manifest is signed by the log key and describes this packet's tree head. */
final class ManifestSignatureCheck implements Check {
    @Override
    public String name() {
        return "manifest signature";
    }

    @Override
    public String run(VerifyContext ctx) throws CheckFailure {
        byte[] manifest = ctx.packet.require(PacketFiles.MANIFEST);
        String sigText = new String(ctx.packet.require(PacketFiles.MANIFEST_SIG), StandardCharsets.US_ASCII);
        byte[] sig = UnpaddedBase64.decode(sigText.strip())
                .orElseThrow(() -> new CheckFailure(PacketFiles.MANIFEST_SIG, "is not base64"));
        if (!sigText.equals(sigText.strip() + "\n") || !ctx.key.verify(manifest, sig)) {
            throw new CheckFailure(PacketFiles.MANIFEST, "the signature in " + PacketFiles.MANIFEST_SIG + " does not verify");
        }
        JsonNode m = ctx.json(PacketFiles.MANIFEST);
        if (!PacketFiles.FORMAT.equals(m.path("format").asText())) {
            throw new CheckFailure(PacketFiles.MANIFEST, "unknown packet format " + m.path("format"));
        }
        if (m.path("tree_size").asLong(-1) != ctx.head.size() || !ctx.head.rootBase64().equals(m.path("tree_root").asText())) {
            throw new CheckFailure(PacketFiles.MANIFEST, "describes another tree head than " + PacketFiles.TREE_HEAD);
        }
        return "signed by the log key";
    }
}
