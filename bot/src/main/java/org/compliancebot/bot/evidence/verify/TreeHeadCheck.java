package org.compliancebot.bot.evidence.verify;

import java.nio.charset.StandardCharsets;
import org.compliancebot.bot.evidence.TreeHead;
import org.compliancebot.bot.evidence.packet.PacketFiles;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.KeyDecodeException;

/** The log key (and that it is the expected one, if given) and the signature of the tree head. */
final class TreeHeadCheck implements Check {
    @Override
    public String name() {
        return "tree head signature";
    }

    @Override
    public String run(VerifyContext ctx) throws CheckFailure {
        String keyText = new String(ctx.packet.require(PacketFiles.PUBLIC_KEY), StandardCharsets.US_ASCII);
        if (!keyText.endsWith("\n") || keyText.strip().length() != keyText.length() - 1) {
            throw new CheckFailure(PacketFiles.PUBLIC_KEY, "must hold one base64 key and a newline");
        }
        try {
            ctx.key = Ed25519PublicKey.fromBase64(keyText.strip());
        } catch (KeyDecodeException e) {
            throw new CheckFailure(PacketFiles.PUBLIC_KEY, "is not an Ed25519 public key: " + e.getMessage());
        }
        if (!ctx.key.toBase64().equals(keyText.strip())) {
            throw new CheckFailure(PacketFiles.PUBLIC_KEY, "is not in canonical unpadded base64");
        }
        if (ctx.expectedKey != null && !ctx.expectedKey.equals(ctx.key.toBase64())) {
            throw new CheckFailure(PacketFiles.PUBLIC_KEY, "is " + ctx.key.toBase64() + ", not the expected log key " + ctx.expectedKey);
        }
        TreeHead head;
        try {
            head = TreeHead.fromJson(ctx.json(PacketFiles.TREE_HEAD));
        } catch (IllegalArgumentException e) {
            throw new CheckFailure(PacketFiles.TREE_HEAD, e.getMessage());
        }
        if (!head.publicKey().equals(ctx.key.toBase64())) {
            throw new CheckFailure(PacketFiles.TREE_HEAD, "names another key than " + PacketFiles.PUBLIC_KEY);
        }
        if (!head.verify(ctx.key)) {
            throw new CheckFailure(PacketFiles.TREE_HEAD, "the Ed25519 signature does not verify");
        }
        ctx.head = head;
        return "size " + head.size() + ", root " + head.rootBase64() + ", key " + ctx.key.toBase64();
    }
}
