package org.compliancebot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.Session;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.sync.SyncEngine;
import org.compliancebot.bridge.sync.SyncOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 10,000 room events through the sync engine's exactly-once hand-off into SQLite (parse, de-duplicate,
 * apply, mark processed, save the position, commit), in the 50-event batches /sync delivers, against a
 * plain batched insert of the same rows in the same number of transactions.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class SyncHandoffBenchmark {
    static final int EVENTS = 10_000;
    static final int BATCH = 50;
    private static final String ROOM = "!bench:localhost";

    private final ObjectMapper mapper = new ObjectMapper();
    private List<JsonNode> answers;
    private List<List<Object[]>> rows;
    private Path dir;
    private Database db;
    private SyncEngine engine;

    @Setup(Level.Trial)
    public void buildInput() {
        answers = new ArrayList<>();
        rows = new ArrayList<>();
        for (int b = 0; b < EVENTS / BATCH; b++) {
            ObjectNode answer = mapper.createObjectNode().put("next_batch", "s" + (b + 1));
            ArrayNode events = answer.putObject("rooms").putObject("join").putObject(ROOM).putObject("timeline")
                    .put("limited", false).putArray("events");
            List<Object[]> batchRows = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                int n = b * BATCH + i;
                String id = "$event" + n + "abcdefghijklmnopqrstuvwxyz0123456789";
                ObjectNode e = events.addObject();
                e.put("event_id", id).put("type", "m.room.message").put("sender", "@alice:localhost")
                        .put("origin_server_ts", 1_700_000_000_000L + n);
                e.putObject("content").put("msgtype", "m.text").put("body", "message number " + n);
                batchRows.add(new Object[] {id, ROOM, "@alice:localhost", "m.room.message", 1_700_000_000_000L + n});
            }
            answers.add(answer);
            rows.add(batchRows);
        }
    }

    @Setup(Level.Invocation)
    public void freshDatabase() throws IOException {
        dir = Files.createTempDirectory("bench-sync");
        db = Database.openSqlite(dir.resolve("bench.db"));
        db.inTransactionVoid(c -> c.createStatement().execute("CREATE TABLE received (event_id VARCHAR(255) NOT NULL, "
                + "room_id VARCHAR(255) NOT NULL, sender VARCHAR(255) NOT NULL, event_type VARCHAR(255) NOT NULL, origin_ts BIGINT NOT NULL)"));
        MatrixClient client = MatrixClient.create("http://127.0.0.1:9");
        client.useSession(new Session(UserId.of("@bot:localhost"), DeviceId.of("BENCH"), "unused"));
        engine = new SyncEngine(client, db, (batch, tx) -> insert(tx, batch.timeline()),
                SyncOptions.defaults("localhost").withSkipHistoryOnFirstSync(false), Clock.systemUTC());
    }

    private static void insert(java.sql.Connection tx, List<RoomEvent> events) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "INSERT INTO received (event_id, room_id, sender, event_type, origin_ts) VALUES (?, ?, ?, ?, ?)")) {
            for (RoomEvent e : events) {
                ps.setString(1, e.eventId().value());
                ps.setString(2, e.roomId().value());
                ps.setString(3, e.sender().value());
                ps.setString(4, e.type());
                ps.setLong(5, e.originServerTs());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @TearDown(Level.Invocation)
    public void close() throws IOException {
        db.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public int engineHandOff() {
        String since = null;
        int delivered = 0;
        for (JsonNode answer : answers) {
            delivered += engine.handOff(since, answer).timeline().size();
            since = answer.get("next_batch").asText();
        }
        if (delivered != EVENTS) {
            throw new IllegalStateException("delivered " + delivered);
        }
        return delivered;
    }

    @Benchmark
    public int plainBatchedInsertReference() {
        int inserted = 0;
        for (List<Object[]> batch : rows) {
            inserted += db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO received (event_id, room_id, sender, event_type, origin_ts) VALUES (?, ?, ?, ?, ?)")) {
                    for (Object[] r : batch) {
                        ps.setString(1, (String) r[0]);
                        ps.setString(2, (String) r[1]);
                        ps.setString(3, (String) r[2]);
                        ps.setString(4, (String) r[3]);
                        ps.setLong(5, (Long) r[4]);
                        ps.addBatch();
                    }
                    return ps.executeBatch().length;
                }
            });
        }
        return inserted;
    }
}
