package org.compliancebot.bot.evidence.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** A packet's files, read from its directory or its zip. Nothing is interpreted here. */
public final class Packet {
    private final Map<String, byte[]> files;

    public Packet(Map<String, byte[]> files) {
        this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** Reads a packet directory, or a zip file. */
    public static Packet read(Path path) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    files.put(path.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        } else if (Files.isRegularFile(path)) {
            try (InputStream in = Files.newInputStream(path); ZipInputStream z = new ZipInputStream(in)) {
                ZipEntry e;
                while ((e = z.getNextEntry()) != null) {
                    if (!e.isDirectory()) {
                        if (files.put(e.getName(), z.readAllBytes()) != null) {
                            throw new IOException("the zip holds " + e.getName() + " twice");
                        }
                    }
                }
            }
            if (files.isEmpty()) {
                throw new IOException(path + " is neither a packet directory nor a packet zip");
            }
        } else {
            throw new IOException("no packet at " + path);
        }
        return new Packet(files);
    }

    public Optional<byte[]> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    public byte[] require(String name) throws CheckFailure {
        byte[] b = files.get(name);
        if (b == null) {
            throw new CheckFailure(name, "the file is missing");
        }
        return b;
    }

    public Map<String, byte[]> files() {
        return files;
    }
}
