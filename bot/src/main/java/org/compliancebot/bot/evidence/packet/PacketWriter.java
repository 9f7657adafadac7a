package org.compliancebot.bot.evidence.packet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.compliancebot.bot.evidence.MerkleHashing;
import org.compliancebot.bot.evidence.TreeHeadSigner;

/**
 * Writes a {@link PacketContent} as a directory, and the same files as a zip beside it. The manifest lists
 * every file with its SHA-256 and size and is signed with the log's key ({@code manifest.sig}), so a file
 * added, removed or changed after export shows, whichever it is.
 */
public final class PacketWriter {
    private final ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final TreeHeadSigner signer;

    public PacketWriter(TreeHeadSigner signer) {
        this.signer = signer;
    }

    /** The packet's files by name, in the order they are written. */
    public Map<String, byte[]> files(PacketContent p) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(PacketFiles.README, PacketReadme.text(p).getBytes(StandardCharsets.UTF_8));
        files.put(PacketFiles.INDEX, HtmlReport.render(p).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        ByteArrayOutputStream proofs = new ByteArrayOutputStream();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < p.records().size(); i++) {
            records.write(p.recordBytes().get(i));
            records.write('\n');
            ObjectNode proof = pretty.createObjectNode();
            proof.put("seq", p.records().get(i).seq());
            proof.put("leaf_hash", hex.formatHex(MerkleHashing.leafHash(p.recordBytes().get(i))));
            proof.put("tree_size", p.head().size());
            ArrayNode path = proof.putArray("path");
            p.inclusionProofs().get(i).forEach(h -> path.add(Base64.getEncoder().encodeToString(h)));
            proofs.write(proof.toString().getBytes(StandardCharsets.UTF_8));
            proofs.write('\n');
        }
        files.put(PacketFiles.RECORDS, records.toByteArray());
        files.put(PacketFiles.PROOFS, proofs.toByteArray());
        files.put(PacketFiles.TREE_HEAD, json(p.head().toJson()));
        ObjectNode cons = pretty.createObjectNode();
        ArrayNode list = cons.putArray("proofs");
        for (PacketContent.HeadProof hp : p.consistency()) {
            ObjectNode o = list.addObject();
            o.set("from", hp.from().toJson());
            o.put("to_size", p.head().size());
            ArrayNode path = o.putArray("path");
            hp.path().forEach(h -> path.add(Base64.getEncoder().encodeToString(h)));
        }
        files.put(PacketFiles.CONSISTENCY, json(cons));
        files.put(PacketFiles.PUBLIC_KEY, (p.head().publicKey() + "\n").getBytes(StandardCharsets.US_ASCII));
        if (p.timestampToken() != null) {
            files.put(PacketFiles.TIMESTAMP, p.timestampToken().clone());
        }
        if (!p.megolm().isEmpty()) {
            ObjectNode m = pretty.createObjectNode();
            ArrayNode sessions = m.putArray("sessions");
            p.megolm().forEach(e -> sessions.add(e.toJson()));
            files.put(PacketFiles.MEGOLM, json(m));
        }
        p.attachments().forEach((name, bytes) -> files.put(PacketFiles.ATTACHMENTS + name, bytes.clone()));
        byte[] manifest = manifest(p, files);
        files.put(PacketFiles.MANIFEST, manifest);
        files.put(PacketFiles.MANIFEST_SIG, (Base64.getEncoder().encodeToString(signer.signBytes(manifest)) + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        return files;
    }

    private byte[] manifest(PacketContent p, Map<String, byte[]> files) throws IOException {
        ObjectNode m = pretty.createObjectNode();
        m.put("format", PacketFiles.FORMAT);
        m.put("created_at", p.createdAt());
        m.set("scope", p.scope());
        m.put("record_count", p.records().size());
        m.put("tree_size", p.head().size());
        m.put("tree_root", p.head().rootBase64());
        ArrayNode list = m.putArray("files");
        HexFormat hex = HexFormat.of();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            list.addObject().put("path", e.getKey()).put("sha256", hex.formatHex(MerkleHashing.sha256(e.getValue())))
                    .put("bytes", e.getValue().length);
        }
        return json(m);
    }

    private byte[] json(ObjectNode node) throws IOException {
        return (pretty.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the directory {@code dir} (created; must not exist) and {@code dir}.zip; returns the zip's path. */
    public Path write(PacketContent p, Path dir) throws IOException {
        Map<String, byte[]> files = files(p);
        if (Files.exists(dir)) {
            throw new IOException("the packet directory already exists: " + dir);
        }
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
        Path zip = dir.resolveSibling(dir.getFileName() + ".zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            writeZip(files, out);
        }
        return zip;
    }

    /** The packet as a zip, in memory (the same bytes {@link #write} puts beside the directory). */
    public byte[] zip(PacketContent p) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        writeZip(files(p), out);
        return out.toByteArray();
    }

    static void writeZip(Map<String, byte[]> files, OutputStream out) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(0);
                z.putNextEntry(entry);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
    }
}
