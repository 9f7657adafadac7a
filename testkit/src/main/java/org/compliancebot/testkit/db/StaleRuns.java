package org.compliancebot.testkit.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Run directories of test PostgreSQL servers whose JVM is gone (killed before its shutdown hook ran): their
 * server is stopped and their data deleted. A run directory names its JVM in {@link #OWNER}; runs of JVMs
 * still alive are left alone.
 */
final class StaleRuns {
    static final String OWNER = "owner.pid";

    private StaleRuns() {
    }

    static void clean(Path tmp, String prefix) {
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(prefix)).toList()) {
                Optional<Long> owner = pidIn(dir.resolve(OWNER));
                boolean alive = owner.isPresent() && ProcessHandle.of(owner.get()).map(ProcessHandle::isAlive).orElse(false);
                // A directory without its owner file may be one another JVM is creating right now.
                boolean young = owner.isEmpty() && Files.getLastModifiedTime(dir).toInstant()
                        .isAfter(java.time.Instant.now().minus(java.time.Duration.ofMinutes(10)));
                if (alive || young) {
                    continue;
                }
                pidIn(dir.resolve("data/postmaster.pid")).flatMap(ProcessHandle::of).ifPresent(StaleRuns::stopServer);
                delete(dir);
            }
        } catch (IOException ignored) {
            // housekeeping only: a failure here must not stop the tests
        }
    }

    private static void stopServer(ProcessHandle server) {
        if (server.info().command().map(c -> c.endsWith("/postgres")).orElse(false)) {
            server.destroy();
            try {
                server.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                server.destroyForcibly();
            }
        }
    }

    private static Optional<Long> pidIn(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover directory is cleaned by a later run
        }
    }
}
