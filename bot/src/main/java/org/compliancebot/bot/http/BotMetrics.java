package org.compliancebot.bot.http;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import org.compliancebot.bot.watchdog.WatchdogModule;
import org.compliancebot.bot.watchdog.domain.Level;
import org.compliancebot.bridge.outbox.Outbox;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.sync.SyncEngine;

/**
 * The metrics this module can vouch for: sync lag, outbound queue depth, messages seen in the last
 * 24 hours, encryption and retention coverage of the managed rooms (once checked), and the watchdog's
 * open alerts and posting queue.
 */
final class BotMetrics implements MetricSource {
    private final Database db;
    private final Outbox outbox;
    private final SyncEngine engine;
    private final WatchdogModule watchdog;
    private final Clock clock;

    BotMetrics(Database db, Outbox outbox, SyncEngine engine, WatchdogModule watchdog, Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.engine = engine;
        this.watchdog = watchdog;
        this.clock = clock;
    }

    @Override
    public void collect(Writer out) {
        if (engine != null) {
            out.gauge("compliancebot_sync_running", "1 while the sync loop runs", engine.isRunning() ? 1 : 0);
            long last = engine.lastSuccessMillis();
            if (last > 0) {
                out.gauge("compliancebot_sync_lag_seconds", "Seconds since the last completed sync round",
                        Math.max(0, clock.millis() - last) / 1000.0);
            }
        }
        if (outbox != null) {
            out.gauge("compliancebot_outbound_queue_depth", "Room events waiting in the outbox", outbox.pendingCount());
        }
        if (db != null) {
            long since = clock.instant().minus(Duration.ofHours(24)).toEpochMilli();
            long n = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM received_event WHERE origin_ts >= ? "
                        + "AND event_type IN ('m.room.message', 'm.room.encrypted')")) {
                    ps.setLong(1, since);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            out.gauge("compliancebot_messages_last_24h", "Room messages the bot received in the last 24 hours", n);
        }
        if (watchdog != null) {
            watchdog.coverage().ifPresent(c -> {
                out.gauge("compliancebot_encryption_coverage_percent", "Managed rooms with encryption, in percent", c.encryptedPercent());
                out.gauge("compliancebot_rooms_with_retention_policy_percent", "Managed rooms with a retention policy, in percent",
                        c.retentionPercent());
            });
            for (Level l : Level.values()) {
                out.gauge("compliancebot_alerts_open", "Open watchdog alerts by level", watchdog.service().openCount(l), "level", l.wireName());
            }
            out.gauge("compliancebot_alert_post_queue_depth", "Alerts accepted but not yet posted", watchdog.service().unpostedCount());
        }
    }
}
