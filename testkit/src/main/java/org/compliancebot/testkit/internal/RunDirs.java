package org.compliancebot.testkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run directories under {@code <repoRoot>/.testkit/run}. Runs older than two days are removed once per
 * JVM, so that repeated test runs do not fill the disk; recent ones stay for looking at logs.
 */
public final class RunDirs {

    private static final Duration KEEP = Duration.ofDays(2);
    private static boolean pruned;

    private RunDirs() {
    }

    /** {@code <repoRoot>/.testkit/run}, pruned of old runs on the first call in this JVM. */
    public static synchronized Path root() {
        Path root = RepoRoot.testkitDir().resolve("run");
        if (!pruned) {
            pruned = true;
            prune(root, Instant.now().minus(KEEP));
            prune(root.resolve("js"), Instant.now().minus(KEEP));
        }
        return root;
    }

    private static void prune(Path dir, Instant cutoff) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                if (!child.getFileName().toString().equals("js")
                        && Files.getLastModifiedTime(child).compareTo(FileTime.from(cutoff)) < 0) {
                    deleteTree(child);
                }
            }
        } catch (IOException ignored) {
            // pruning is housekeeping; a failure must not fail the tests
        }
    }

    private static void deleteTree(Path path) throws IOException {
        try (Stream<Path> all = Files.walk(path)) {
            List<Path> paths = all.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        }
    }
}
