package org.compliancebot.bridge.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.compliancebot.bridge.api.HttpTransport;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.RetryPolicy;
import org.compliancebot.bridge.api.Session;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.testkit.db.OnEachEngine;
import org.compliancebot.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Sync faults a real Synapse will not serve on demand: malformed events and a crash between apply and commit,
 * on each database engine (the exactly-once hand-off lives in the store).
 */
@OnEachEngine
class SyncEngineFaultTest {
    @Parameter
    TestDatabase.Engine engine;
    @TempDir
    Path dir;
    private WireMockServer wm;
    private MatrixClient client;
    private Database db;

    @BeforeEach
    void start() {
        wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        client = new MatrixClient(new HttpTransport("http://127.0.0.1:" + wm.port(), new ObjectMapper()), RetryPolicy.NONE);
        client.useSession(new Session(UserId.of("@bot:test"), DeviceId.of("BOT"), "tok"));
        wm.stubFor(post(urlPathMatching("/_matrix/client/v3/user/.*/filter")).willReturn(aResponse().withBody("{\"filter_id\":\"1\"}")));
        TestDatabase t = TestDatabase.fresh(engine, dir.resolve("sync.db"));
        db = Database.open(t.url(), t.user(), t.password());
    }

    @AfterEach
    void stop() {
        db.close();
        wm.stop();
    }

    private static String event(String id, String body) {
        return "{\"event_id\":\"" + id + "\",\"type\":\"m.room.message\",\"sender\":\"@u:test\",\"origin_server_ts\":1,"
                + "\"content\":{\"msgtype\":\"m.text\",\"body\":\"" + body + "\"}}";
    }

    private static String sync(String next, String... events) {
        return "{\"next_batch\":\"" + next + "\",\"rooms\":{\"join\":{\"!room:test\":{\"timeline\":{\"events\":["
                + String.join(",", events) + "],\"limited\":false}}}}}";
    }

    private SyncOptions options() {
        return SyncOptions.defaults("test").withSkipHistoryOnFirstSync(false);
    }

    @Test
    void aMalformedEventIsSkippedAndTheRestAreApplied() {
        String malformed = "{\"event_id\":\"$bad\",\"type\":\"m.room.message\",\"sender\":42,\"content\":\"not-an-object\"}";
        String noTs = "{\"event_id\":\"$nots\",\"type\":\"m.room.message\",\"sender\":\"@u:test\",\"content\":{}}";
        String notObject = "\"just a string\"";
        wm.stubFor(get(urlPathEqualTo("/_matrix/client/v3/sync")).willReturn(aResponse().withBody(
                sync("s1", event("$a", "one"), malformed, noTs, notObject, event("$b", "two")))));
        List<String> got = new ArrayList<>();
        SyncEngine engine = new SyncEngine(client, db, (batch, tx) -> batch.timeline().forEach(e -> got.add(e.eventId().value())),
                options(), Clock.systemUTC());

        engine.syncOnce();

        assertThat(got).containsExactly("$a", "$b");
        assertThat(engine.savedPosition()).contains("s1");
    }

    @Test
    void aBrokenRoomSectionDoesNotStopOtherRooms() {
        String body = "{\"next_batch\":\"s2\",\"rooms\":{\"join\":{\"not-a-room-id\":{\"timeline\":{\"events\":[]}},"
                + "\"!ok:test\":{\"timeline\":{\"events\":[" + event("$c", "x") + "]}}}}}";
        wm.stubFor(get(urlPathEqualTo("/_matrix/client/v3/sync")).willReturn(aResponse().withBody(body)));
        List<String> got = new ArrayList<>();
        SyncEngine engine = new SyncEngine(client, db, (batch, tx) -> batch.timeline().forEach(e -> got.add(e.eventId().value())),
                options(), Clock.systemUTC());
        engine.syncOnce();
        assertThat(got).containsExactly("$c");
    }

    @Test
    void anAnswerThatIsNotJsonKeepsThePosition() {
        wm.stubFor(get(urlPathEqualTo("/_matrix/client/v3/sync")).inScenario("j").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withBody(sync("s1", event("$a", "one")))).willSetStateTo("broken"));
        wm.stubFor(get(urlPathEqualTo("/_matrix/client/v3/sync")).inScenario("j").whenScenarioStateIs("broken")
                .willReturn(aResponse().withBody("{this is not json")));
        SyncEngine engine = new SyncEngine(client, db, (batch, tx) -> { }, options(), Clock.systemUTC());
        engine.syncOnce();
        assertThatThrownBy(engine::syncOnce).isInstanceOf(org.compliancebot.bridge.api.MatrixException.class);
        assertThat(engine.savedPosition()).contains("s1");
    }

    @Test
    void aCrashBetweenApplyAndCommitRedeliversTheBatchOnce() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/_matrix/client/v3/sync")).withQueryParam("since", WireMock.absent())
                .willReturn(aResponse().withBody(sync("s1", event("$a", "one"), event("$b", "two")))));
        wm.stubFor(get(urlPathEqualTo("/_matrix/client/v3/sync")).withQueryParam("since", WireMock.equalTo("s1"))
                .willReturn(aResponse().withBody(sync("s2", event("$b", "two"), event("$c", "three")))));
        db.inTransactionVoid(c -> c.createStatement().execute("CREATE TABLE seen (n INTEGER NOT NULL, event_id TEXT)"));
        SyncConsumer consumer = (batch, tx) -> {
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO seen (n, event_id) SELECT COUNT(*), ? FROM seen")) {
                for (var e : batch.timeline()) {
                    ps.setString(1, e.eventId().value());
                    ps.executeUpdate();
                }
            }
        };
        SyncEngine crashing = new SyncEngine(client, db, consumer, options(), Clock.systemUTC());
        crashing.setBeforeCommit(b -> {
            throw new IllegalStateException("simulated crash before commit");
        });
        assertThatThrownBy(crashing::syncOnce).hasMessageContaining("simulated crash");
        assertThat(crashing.savedPosition()).isEmpty();

        SyncEngine restarted = new SyncEngine(client, db, consumer, options(), Clock.systemUTC());
        restarted.syncOnce();
        restarted.syncOnce();

        List<String> rows = db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT event_id FROM seen ORDER BY n")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        assertThat(rows).containsExactly("$a", "$b", "$c");
        assertThat(restarted.savedPosition()).contains("s2");
    }

    @Test
    void firstSyncMarksHistoryAsSeenWithoutDeliveringIt() {
        wm.stubFor(get(urlPathEqualTo("/_matrix/client/v3/sync")).withQueryParam("since", WireMock.absent())
                .willReturn(aResponse().withBody(sync("s1", event("$old", "old command")))));
        wm.stubFor(get(urlPathEqualTo("/_matrix/client/v3/sync")).withQueryParam("since", WireMock.equalTo("s1"))
                .willReturn(aResponse().withBody(sync("s2", event("$old", "old command"), event("$new", "new")))));
        List<String> got = new ArrayList<>();
        SyncEngine engine = new SyncEngine(client, db, (batch, tx) -> batch.timeline().forEach(e -> got.add(e.eventId().value())),
                SyncOptions.defaults("test"), Clock.systemUTC());
        engine.syncOnce();
        engine.syncOnce();
        assertThat(got).containsExactly("$new");
    }
}
