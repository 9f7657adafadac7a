package org.compliancebot.testkit.synapse;

import org.compliancebot.testkit.internal.DirLock;
import org.compliancebot.testkit.internal.Processes;
import org.compliancebot.testkit.internal.RepoRoot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Installs the pinned Synapse from PyPI into a project-local virtualenv
 * ({@code <repoRoot>/.testkit/synapse-venv}) and reuses it while it holds the pinned version.
 *
 * <p>The system property {@code compliancebot.synapseVenv} or the environment variable
 * {@code COMPLIANCEBOT_SYNAPSE_VENV} names another virtualenv directory to use instead, for example
 * the one of another checkout, so that a fresh clone does not download Synapse again. It is held to the
 * same rule: reused while it holds the pinned version, (re)installed otherwise.
 *
 * <p>The Python interpreter is {@code python3} from the PATH unless the system property
 * {@code compliancebot.python} or the environment variable {@code COMPLIANCEBOT_PYTHON} names another;
 * it must be 3.10 or newer.
 */
public final class SynapseInstaller {

    /** The Synapse release every test and the demo run against. */
    public static final String SYNAPSE_VERSION = "1.163.2";
    static final String REQUIREMENT = "matrix-synapse==" + SYNAPSE_VERSION;
    private static final String MARKER = ".installed-requirement";
    /** System property naming the virtualenv to use instead of {@code <repoRoot>/.testkit/synapse-venv}. */
    public static final String VENV_PROPERTY = "compliancebot.synapseVenv";
    /** Environment variable with the same meaning as {@link #VENV_PROPERTY}; the property wins. */
    public static final String VENV_ENV = "COMPLIANCEBOT_SYNAPSE_VENV";
    private static final Pattern PYTHON_VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

    private SynapseInstaller() {
    }

    /**
     * Returns the virtualenv's python executable, installing Synapse first if needed.
     *
     * @throws IllegalStateException with the reason (missing or old Python, pip's output) if it cannot
     */
    public static synchronized Path ensureInstalled() {
        Path venv = venvDir();
        Path python = venv.resolve("bin").resolve("python");
        Path workDir = venv.getParent();
        try (DirLock ignored = DirLock.acquire(workDir.resolve(venv.getFileName() + ".lock"))) {
            Path marker = venv.resolve(MARKER);
            if (Files.isExecutable(python) && Files.isRegularFile(marker)
                    && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(REQUIREMENT)) {
                return python;
            }
            String basePython = checkedBasePython();
            deleteRecursively(venv);
            expectSuccess(Processes.run(List.of(basePython, "-m", "venv", venv.toString()), workDir,
                    Duration.ofMinutes(2)), "Creating the virtualenv " + venv);
            expectSuccess(Processes.run(List.of(python.toString(), "-m", "pip", "install",
                    "--disable-pip-version-check", "--no-input", REQUIREMENT), workDir, Duration.ofMinutes(10)),
                    "pip install " + REQUIREMENT);
            Files.writeString(marker, REQUIREMENT + "\n", StandardCharsets.UTF_8);
            return python;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install Synapse into " + venv + ": " + e.getMessage(), e);
        }
    }

    /** The virtualenv directory: the configured one if any, else {@code <repoRoot>/.testkit/synapse-venv}. */
    static Path venvDir() {
        String configured = System.getProperty(VENV_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(VENV_ENV);
        }
        if (configured == null || configured.isBlank()) {
            return RepoRoot.testkitDir().resolve("synapse-venv");
        }
        return Path.of(configured).toAbsolutePath().normalize();
    }

    private static String checkedBasePython() throws IOException {
        String python = System.getProperty("compliancebot.python");
        if (python == null || python.isBlank()) {
            python = System.getenv("COMPLIANCEBOT_PYTHON");
        }
        if (python == null || python.isBlank()) {
            python = "python3";
        }
        Processes.Result version;
        try {
            version = Processes.run(List.of(python, "-c",
                    "import sys; print('%d.%d' % sys.version_info[:2])"), null, Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new IllegalStateException("Synapse needs Python 3.10 or newer, but '" + python
                    + "' cannot be run (" + e.getMessage() + "). Install python3 (with the venv module) or set"
                    + " -Dcompliancebot.python=/path/to/python3.", e);
        }
        Matcher m = PYTHON_VERSION.matcher(version.output());
        if (!version.ok() || !m.find()) {
            throw new IllegalStateException("Cannot read the version of '" + python + "':\n" + version.output());
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major < 3 || (major == 3 && minor < 10)) {
            throw new IllegalStateException("Synapse " + SYNAPSE_VERSION + " needs Python 3.10 or newer, but '"
                    + python + "' is " + major + "." + minor
                    + ". Install a newer python3 or set -Dcompliancebot.python=/path/to/python3.10+.");
        }
        return python;
    }

    private static void expectSuccess(Processes.Result result, String what) {
        if (!result.ok()) {
            throw new IllegalStateException(what + " failed with exit code " + result.exitCode() + ":\n"
                    + Processes.tail(result.output(), 120));
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
