package org.compliancebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.compliancebot.bot.config.ConfigException;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.evidence.store.ConsistencyChecker;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.testkit.db.OnEachEngine;
import org.compliancebot.testkit.db.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** {@code rotate-evidence-key} on a real evidence log on each engine: the seal changes, the signing key does not. */
@OnEachEngine
class RotateEvidenceKeyCommandTest {
    private static final String NEW = RotateEvidenceKeyCommand.NEW_EVIDENCE_KEY;
    @Parameter
    TestDatabase.Engine engine;
    @TempDir
    Path dir;
    private RotationFixture f;
    private final String oldKey = RotationFixture.randomKey();
    private final String newKey = RotationFixture.randomKey();

    @BeforeEach
    void setUp() throws Exception {
        f = new RotationFixture(engine, dir);
    }

    private RotationFixture.Run rotate(Map<String, String> env) {
        return f.run(new RotateEvidenceKeyCommand(f.secrets(env)));
    }

    private ConsistencyChecker.Report check(String logKey) throws Exception {
        try (Database d = f.open()) {
            return new ConsistencyChecker(d, Ed25519PublicKey.fromBase64(logKey), (k, s, detail) -> { }).check();
        }
    }

    @Test
    void reSealsTheSigningKeyAndTreeHeadsSignedBeforeStillVerify() throws Exception {
        String logKey = f.seedEvidence(Secrets.EVIDENCE_KEY, oldKey);

        RotationFixture.Run run = rotate(Map.of(Secrets.EVIDENCE_KEY, oldKey, NEW, newKey));

        assertThat(run.code()).as(run.all()).isZero();
        assertThat(run.out()).contains("re-sealed under the new key").contains("public key is unchanged");
        assertThat(run.all()).doesNotContain(oldKey).doesNotContain(newKey);
        assertThat(f.openSigningKey(Map.of(Secrets.EVIDENCE_KEY, newKey))).isEqualTo(logKey);
        assertThatThrownBy(() -> f.openSigningKey(Map.of(Secrets.EVIDENCE_KEY, oldKey))).isInstanceOf(ConfigException.class);
        ConsistencyChecker.Report report = check(logKey);
        assertThat(report.heads()).isEqualTo(1);
        assertThat(report.ok()).as(report.problems().toString()).isTrue();

        RotationFixture.Run again = rotate(Map.of(Secrets.EVIDENCE_KEY, oldKey, NEW, newKey));
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("already sealed under the new key");
    }

    @Test
    void movesAKeySealedUnderTheStoreKeyToItsOwnEvidenceKey() {
        String storeKey = RotationFixture.randomKey();
        String logKey = f.seedEvidence(Secrets.STORE_KEY, storeKey);

        RotationFixture.Run run = rotate(Map.of(Secrets.STORE_KEY, storeKey, NEW, newKey));

        assertThat(run.code()).as(run.all()).isZero();
        assertThat(f.rows().get("signing-key")).endsWith(" " + Secrets.EVIDENCE_KEY);
        assertThat(f.openSigningKey(Map.of(Secrets.STORE_KEY, storeKey, Secrets.EVIDENCE_KEY, newKey))).isEqualTo(logKey);
    }

    @Test
    void aWrongCurrentKeyIsRefusedAndNothingChanges() {
        f.seedEvidence(Secrets.EVIDENCE_KEY, oldKey);
        Map<String, String> before = f.rows();
        String wrong = RotationFixture.randomKey();

        RotationFixture.Run run = rotate(Map.of(Secrets.EVIDENCE_KEY, wrong, NEW, newKey));

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("Refused, nothing was changed").contains(Secrets.EVIDENCE_KEY);
        assertThat(run.all()).doesNotContain(wrong).doesNotContain(newKey).doesNotContain(oldKey);
        assertThat(f.rows()).isEqualTo(before);
    }

    @Test
    void aKeySealedWithASecretThatIsNotSetIsRefused() {
        f.seedEvidence(Secrets.STORE_KEY, RotationFixture.randomKey());
        Map<String, String> before = f.rows();

        RotationFixture.Run run = rotate(Map.of(NEW, newKey));

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("sealed with a secret that is not set");
        assertThat(f.rows()).isEqualTo(before);
    }

    @Test
    void theCurrentKeyAsTheNewOneIsAConfigurationError() {
        f.seedEvidence(Secrets.EVIDENCE_KEY, oldKey);
        RotationFixture.Run run = rotate(Map.of(Secrets.EVIDENCE_KEY, oldKey, NEW, oldKey));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("is the current " + Secrets.EVIDENCE_KEY).doesNotContain(oldKey);
    }
}
