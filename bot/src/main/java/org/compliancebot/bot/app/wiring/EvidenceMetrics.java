package org.compliancebot.bot.app.wiring;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import org.compliancebot.bot.http.MetricSource;
import org.compliancebot.bridge.store.Database;

/** The dashboard's "evidence extracted this week": records appended to the evidence log in the last seven days. */
final class EvidenceMetrics implements MetricSource {
    private static final Duration WEEK = Duration.ofDays(7);

    private final Database db;
    private final Clock clock;

    EvidenceMetrics(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void collect(Writer out) {
        long since = clock.millis() - WEEK.toMillis();
        long count = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM evidence_record WHERE created_at >= ?")) {
                ps.setLong(1, since);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        out.gauge("compliancebot_evidence_records_last_7_days", "Evidence records appended to the log in the last seven days",
                count);
    }
}
