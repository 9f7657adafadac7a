package org.compliancebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.compliancebot.bot.config.ConfigException;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bridge.crypto.machine.OlmMachine;
import org.compliancebot.bridge.crypto.machine.SharingPolicy;
import org.compliancebot.bridge.crypto.machine.StateKind;
import org.compliancebot.bridge.crypto.olm.IdentityKeys;
import org.compliancebot.bridge.e2ee.CryptoStore;
import org.compliancebot.bridge.e2ee.StoreKey;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.testkit.db.OnEachEngine;
import org.compliancebot.testkit.db.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** {@code rotate-store-key} on a real crypto store and evidence log on each engine. */
@OnEachEngine
class RotateStoreKeyCommandTest {
    private static final String NEW = RotateStoreKeyCommand.NEW_STORE_KEY;
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
        return f.run(new RotateStoreKeyCommand(f.secrets(env)));
    }

    @Test
    void reSealsTheCryptoStoreAndTheSigningKeySealedUnderTheStoreKey() {
        IdentityKeys identity = f.seedCryptoStore(oldKey);
        String logKey = f.seedEvidence(Secrets.STORE_KEY, oldKey);
        assertThat(f.count(StateKind.ACCOUNT)).isEqualTo(1);
        assertThat(f.count(StateKind.CROSS_SIGNING)).isEqualTo(1);
        assertThat(f.count(StateKind.OUTBOUND_GROUP)).isEqualTo(1);
        Map<String, String> before = f.rows();

        RotationFixture.Run run = rotate(Map.of(Secrets.STORE_KEY, oldKey, NEW, newKey));

        assertThat(run.code()).as(run.all()).isZero();
        assertThat(run.out()).contains("re-sealed under the new key").contains("Evidence signing key: re-sealed");
        assertThat(run.all()).doesNotContain(oldKey).doesNotContain(newKey);
        assertThat(f.loadCryptoStore(newKey)).isEqualTo(identity);
        assertThatThrownBy(() -> f.loadCryptoStore(oldKey)).isInstanceOf(CryptoStore.WrongStoreKeyException.class);
        assertThat(f.openSigningKey(Map.of(Secrets.STORE_KEY, newKey))).isEqualTo(logKey);
        assertThatThrownBy(() -> f.openSigningKey(Map.of(Secrets.STORE_KEY, oldKey))).isInstanceOf(ConfigException.class);
        Map<String, String> after = f.rows();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((k, v) -> {
            if (k.startsWith("USER_KEYS/") || k.startsWith("ROOM/")) {
                assertThat(after.get(k)).as("public state %s is not touched", k).isEqualTo(v);
            } else {
                assertThat(after.get(k)).as("sealed item %s is sealed anew", k).isNotEqualTo(v);
            }
        });
    }

    @Test
    void aWrongCurrentKeyIsRefusedAndNothingChanges() {
        f.seedCryptoStore(oldKey);
        f.seedEvidence(Secrets.STORE_KEY, oldKey);
        Map<String, String> before = f.rows();
        String wrong = RotationFixture.randomKey();

        RotationFixture.Run run = rotate(Map.of(Secrets.STORE_KEY, wrong, NEW, newKey));

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("Refused, nothing was changed").contains(Secrets.STORE_KEY);
        assertThat(run.all()).doesNotContain(wrong).doesNotContain(newKey).doesNotContain(oldKey);
        assertThat(f.rows()).isEqualTo(before);
        assertThat(f.loadCryptoStore(oldKey)).isNotNull();
    }

    @Test
    void aFailureHalfwayRollsBackEveryItemAlreadyReSealed() {
        f.seedCryptoStore(oldKey);
        f.seedEvidence(Secrets.STORE_KEY, oldKey);
        // An item that sorts after the account, cross-signing and Megolm items but opens under neither key:
        // the rotation has re-sealed those in its transaction when it fails here.
        byte[] junk = new byte[60];
        new SecureRandom().nextBytes(junk);
        try (Database d = f.open()) {
            d.inTransactionVoid(c -> {
                try (var ps = c.prepareStatement("INSERT INTO crypto_item (kind, item_key, value) VALUES ('OUTBOUND_GROUP', 'zz', ?)")) {
                    ps.setString(1, "g1:" + Base64.getEncoder().encodeToString(junk));
                    ps.executeUpdate();
                }
            });
        }
        Map<String, String> before = f.rows();

        RotationFixture.Run run = rotate(Map.of(Secrets.STORE_KEY, oldKey, NEW, newKey));

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("Refused, nothing was changed");
        assertThat(f.rows()).as("every item, the signing key included, as before").isEqualTo(before);
    }

    @Test
    void runningAgainFinishesAStoreThatABotKeptWritingUnderTheOldKey() {
        IdentityKeys identity = f.seedCryptoStore(oldKey);
        assertThat(rotate(Map.of(Secrets.STORE_KEY, oldKey, NEW, newKey)).code()).isZero();
        // A bot that was not stopped writes one more item with the old key: the store is mixed.
        try (Database d = f.open()) {
            CryptoStore stale = new CryptoStore(StoreKey.parse(oldKey));
            OlmMachine late = OlmMachine.create(RotationFixture.USER, RotationFixture.DEVICE, SharingPolicy.CROSS_SIGNED_ONLY,
                    Clock.systemUTC());
            late.crossSigningUpload();
            var changes = late.takeChanges();
            d.inTransactionVoid(c -> stale.save(c, changes));
        }
        assertThatThrownBy(() -> f.loadCryptoStore(newKey)).isInstanceOf(CryptoStore.WrongStoreKeyException.class);

        RotationFixture.Run again = rotate(Map.of(Secrets.STORE_KEY, oldKey, NEW, newKey));

        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.out()).contains("already were").contains("Evidence signing key: none yet");
        assertThat(f.loadCryptoStore(newKey)).isNotEqualTo(identity).isNotNull();
    }

    @Test
    void theSameKeyTwiceAndAMissingNewKeyAreConfigurationErrors() {
        f.seedCryptoStore(oldKey);
        Map<String, String> before = f.rows();

        RotationFixture.Run same = rotate(Map.of(Secrets.STORE_KEY, oldKey, NEW, oldKey));
        assertThat(same.code()).isEqualTo(2);
        assertThat(same.err()).contains("the new store key is the current one").doesNotContain(oldKey);

        RotationFixture.Run missing = rotate(Map.of(Secrets.STORE_KEY, oldKey));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains(NEW).contains(NEW + "_FILE");

        RotationFixture.Run bad = rotate(Map.of(Secrets.STORE_KEY, oldKey, NEW, "c2hvcnQ="));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains(NEW).contains("32 bytes").doesNotContain("c2hvcnQ");
        assertThat(f.rows()).isEqualTo(before);
    }

    @Test
    void readsTheNewKeyFromAFileAndLeavesASigningKeySealedWithTheEvidenceKeyAlone() throws Exception {
        IdentityKeys identity = f.seedCryptoStore(oldKey);
        String evidenceKey = RotationFixture.randomKey();
        String logKey = f.seedEvidence(Secrets.EVIDENCE_KEY, evidenceKey);
        String signingBefore = f.rows().get("signing-key");
        Path file = dir.resolve("new-store-key");
        Files.writeString(file, newKey + "\n");

        RotationFixture.Run run = rotate(Map.of(Secrets.STORE_KEY, oldKey, NEW + "_FILE", file.toString(),
                Secrets.EVIDENCE_KEY, evidenceKey));

        assertThat(run.code()).as(run.all()).isZero();
        assertThat(run.out()).contains("sealed with " + Secrets.EVIDENCE_KEY + ", unchanged");
        assertThat(f.loadCryptoStore(newKey)).isEqualTo(identity);
        assertThat(f.rows().get("signing-key")).isEqualTo(signingBefore);
        assertThat(f.openSigningKey(Map.of(Secrets.STORE_KEY, newKey, Secrets.EVIDENCE_KEY, evidenceKey))).isEqualTo(logKey);
    }

    @Test
    void aDatabaseWithoutACryptoStoreIsAConfigurationError() {
        RotationFixture.Run run = rotate(Map.of(Secrets.STORE_KEY, oldKey, NEW, newKey));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("holds no crypto store");
    }
}
