package org.compliancebot.bridge.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import org.compliancebot.bridge.crypto.machine.OlmMachine;
import org.compliancebot.bridge.crypto.machine.SharingPolicy;
import org.compliancebot.bridge.crypto.machine.StateKind;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;
import org.compliancebot.testkit.db.OnEachEngine;
import org.compliancebot.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@OnEachEngine
class CryptoStoreTest {
    private static final UserId USER = UserId.of("@bot:example.org");
    private static final DeviceId DEVICE = DeviceId.of("BOT");
    @Parameter
    TestDatabase.Engine engine;
    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void open() {
        TestDatabase t = TestDatabase.fresh(engine, dir.resolve("store.db"));
        db = Database.open(t.url(), t.user(), t.password());
        Migrations.migrate(db, "bridge", CryptoStoreTest.class.getClassLoader());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static StoreKey randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return StoreKey.of(k);
    }

    private String raw(StateKind kind, String key) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM crypto_item WHERE kind = ? AND item_key = ?")) {
                ps.setString(1, kind.name());
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    @Test
    void secretItemsAreSealedAndLoadBackUnderTheRightKeyOnly() {
        StoreKey key = randomKey();
        CryptoStore store = new CryptoStore(key);
        OlmMachine machine = OlmMachine.create(USER, DEVICE, SharingPolicy.CROSS_SIGNED_ONLY, Clock.systemUTC());
        db.inTransactionVoid(c -> {
            store.checkKey(c);
            store.save(c, machine.takeChanges());
        });
        String sealed = raw(StateKind.ACCOUNT, "account");
        assertThat(sealed).startsWith("g1:").doesNotContain("\"account\"").doesNotContain(USER.value());
        assertThat(raw(StateKind.USER_KEYS, USER.value())).as("public state stays readable JSON").startsWith("{");

        Map<StateKind, Map<String, byte[]>> loaded = db.inTransaction(store::load);
        OlmMachine back = db.inTransaction(c -> {
            try {
                return OlmMachine.load(USER, DEVICE, SharingPolicy.CROSS_SIGNED_ONLY, Clock.systemUTC(), loaded);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(back.identityKeys()).isEqualTo(machine.identityKeys());

        CryptoStore wrong = new CryptoStore(randomKey());
        assertThatThrownBy(() -> db.inTransactionVoid(wrong::checkKey))
                .isInstanceOf(CryptoStore.WrongStoreKeyException.class).hasMessageContaining("store key");
        assertThatThrownBy(() -> db.inTransaction(wrong::load)).isInstanceOf(CryptoStore.WrongStoreKeyException.class);
    }

    @Test
    void aSealedValueMovedToAnotherItemDoesNotOpen() {
        CryptoStore store = new CryptoStore(randomKey());
        String sealed = store.seal("OLM_SESSION", "a", new byte[] {1, 2, 3});
        assertThat(store.open("OLM_SESSION", "a", sealed)).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> store.open("OLM_SESSION", "b", sealed)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void afterARolledBackTransactionTheMachineIsLoadedAgainFromWhatWasCommitted() {
        CryptoStore store = new CryptoStore(randomKey());
        MachineHolder holder = new MachineHolder(db, store, USER, DEVICE, SharingPolicy.CROSS_SIGNED_ONLY, Clock.systemUTC());
        holder.adopt(OlmMachine.create(USER, DEVICE, SharingPolicy.CROSS_SIGNED_ONLY, Clock.systemUTC()));
        RoomId committed = RoomId.of("!committed:example.org");
        RoomId rolledBack = RoomId.of("!rolledback:example.org");
        holder.use(m -> {
            m.setRoomEncryption(committed, null);
            return null;
        });
        assertThatThrownBy(() -> db.inTransactionVoid(c -> {
            holder.use(c, m -> {
                m.setRoomEncryption(rolledBack, null);
                return null;
            });
            throw new IllegalStateException("the rest of the batch failed");
        })).hasMessageContaining("the rest of the batch failed");

        java.util.Optional<Boolean> kept = holder.use(m -> m.isRoomEncrypted(committed));
        java.util.Optional<Boolean> gone = holder.use(m -> m.isRoomEncrypted(rolledBack));
        assertThat(kept).contains(false);
        assertThat(gone).as("the rolled-back change is gone").isEmpty();
    }

    @Test
    void theStoreKeyParsesBase64OfThirtyTwoBytesAndHidesItself() {
        String text = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(StoreKey.parse(text).toString()).doesNotContain(text).isEqualTo("StoreKey[hidden]");
        assertThatThrownBy(() -> StoreKey.parse("c2hvcnQ=")).hasMessageContaining("32 bytes")
                .hasMessageContaining("openssl rand -base64 32").hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> StoreKey.parse("not base64!")).hasMessageContaining("not base64");
    }
}
