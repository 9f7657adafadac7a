package org.compliancebot.testkit.synapse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.compliancebot.testkit.internal.RepoRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compliancebot.synapseVenv} / {@code COMPLIANCEBOT_SYNAPSE_VENV} point the kit at another virtualenv. */
class SynapseVenvOptionTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clearProperty() {
        System.clearProperty(SynapseInstaller.VENV_PROPERTY);
    }

    @Test
    void aNamedVirtualenvWithThePinnedSynapseIsUsedAsItIs() throws Exception {
        Path venv = tmp.resolve("elsewhere").resolve("synapse-venv");
        Path python = venv.resolve("bin").resolve("python");
        Files.createDirectories(python.getParent());
        // Fails if run: the kit must not reinstall into (or delete) a virtualenv that holds the pinned version.
        Files.writeString(python, "#!/bin/sh\nexit 3\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(venv.resolve(".installed-requirement"), SynapseInstaller.REQUIREMENT + "\n");

        System.setProperty(SynapseInstaller.VENV_PROPERTY, venv.toString());

        assertThat(SynapseInstaller.ensureInstalled()).isEqualTo(python);
        assertThat(python).exists();
        assertThat(venv.resolveSibling("synapse-venv.lock")).as("the lock sits next to the virtualenv").exists();
    }

    @Test
    void withoutThePropertyTheEnvironmentVariableOrTheRepositoryDecides() {
        String env = System.getenv(SynapseInstaller.VENV_ENV);
        Path expected = env == null || env.isBlank()
                ? RepoRoot.testkitDir().resolve("synapse-venv")
                : Path.of(env).toAbsolutePath().normalize();

        assertThat(SynapseInstaller.venvDir()).isEqualTo(expected);
    }
}
