package org.compliancebot.testkit.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the repository root, under which the test kit keeps its caches ({@code .testkit/}).
 *
 * <p>The system property {@code compliancebot.repoRoot} wins (surefire sets it from the parent POM);
 * otherwise the nearest directory at or above the working directory that contains {@code mvnw}.
 */
public final class RepoRoot {

    /** System property naming the repository root explicitly. */
    public static final String PROPERTY = "compliancebot.repoRoot";

    private RepoRoot() {
    }

    /**
     * Returns the repository root.
     *
     * @throws IllegalStateException if neither the property nor an {@code mvnw} above the working directory exists
     */
    public static Path find() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the repository root: set -D" + PROPERTY
                + "=<dir> or run from inside the repository (no mvnw found above " + start + ")");
    }

    /** The test kit's cache directory, {@code <repoRoot>/.testkit}. */
    public static Path testkitDir() {
        return find().resolve(".testkit");
    }
}
