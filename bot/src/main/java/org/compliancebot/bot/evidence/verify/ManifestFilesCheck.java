package org.compliancebot.bot.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.compliancebot.bot.evidence.packet.PacketFiles;

/** Every file is listed in the manifest with its SHA-256 and size, and nothing else is in the packet. */
final class ManifestFilesCheck implements Check {
    @Override
    public String name() {
        return "manifest";
    }

    @Override
    public String run(VerifyContext ctx) throws CheckFailure {
        JsonNode files = ctx.json(PacketFiles.MANIFEST).path("files");
        if (!files.isArray()) {
            throw new CheckFailure(PacketFiles.MANIFEST, "has no list of files");
        }
        Set<String> listed = new HashSet<>();
        HexFormat hex = HexFormat.of();
        for (JsonNode f : files) {
            String path = f.path("path").asText();
            if (!listed.add(path)) {
                throw new CheckFailure(PacketFiles.MANIFEST, "lists " + path + " twice");
            }
            byte[] data = ctx.packet.file(path).orElseThrow(() -> new CheckFailure(path, "is listed in the manifest but missing"));
            byte[] expected;
            try {
                expected = hex.parseHex(f.path("sha256").asText());
            } catch (IllegalArgumentException e) {
                throw new CheckFailure(PacketFiles.MANIFEST, "the hash of " + path + " is not hex");
            }
            if (!MessageDigest.isEqual(ctx.digest(path), expected) || f.path("bytes").asLong(-1) != data.length) {
                throw new CheckFailure(path, "does not match its SHA-256 in the manifest: the file was changed");
            }
        }
        for (String required : PacketFiles.REQUIRED) {
            if (!listed.contains(required)) {
                throw new CheckFailure(required, "is not listed in the manifest");
            }
        }
        for (String present : ctx.packet.files().keySet()) {
            if (!listed.contains(present) && !present.equals(PacketFiles.MANIFEST) && !present.equals(PacketFiles.MANIFEST_SIG)) {
                throw new CheckFailure(present, "is not listed in the manifest: it was added after export");
            }
        }
        return listed.size() + " files match their SHA-256";
    }
}
