package org.compliancebot.bot.change.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.compliancebot.bot.change.workflow.AlertLevel;
import org.compliancebot.bot.change.workflow.Notification;
import org.compliancebot.bot.change.workflow.Notifier;
import org.compliancebot.bot.oversight.ApprovalRequestId;
import org.compliancebot.bot.oversight.RenderedMessage;
import org.compliancebot.bridge.store.Database;

/**
 * A {@link Notifier} that queues each notification in {@code change_notification}, in the transaction
 * of the change it reports; so a notification exists exactly when its change was committed. The bot
 * turns queued notifications into room messages ({@link #pending}, {@link #markDispatched}), whether
 * they were queued by the bot itself or by the command line.
 */
public final class JdbcNotificationQueue implements Notifier {
    private final Database db;
    private final Clock clock;

    public JdbcNotificationQueue(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void send(Notification n) {
        QueuedNotification.Target target;
        ApprovalRequestId request = null;
        String cr = null;
        AlertLevel level = null;
        switch (n) {
            case Notification.ApprovalRequested r -> {
                target = QueuedNotification.Target.OVERSIGHT;
                request = r.request().id();
                cr = r.request().crId().toString();
            }
            case Notification.ApprovalReminder r -> {
                target = QueuedNotification.Target.REQUEST_THREAD;
                request = r.request().id();
                cr = r.request().crId().toString();
            }
            case Notification.ApprovalExpired r -> {
                target = QueuedNotification.Target.REQUEST_THREAD;
                request = r.request().id();
                cr = r.request().crId().toString();
            }
            case Notification.ApprovalPendingAlert r -> {
                target = QueuedNotification.Target.ALERT;
                request = r.request().id();
                cr = r.request().crId().toString();
                level = r.level();
            }
            case Notification.RetrospectiveOverdue r -> {
                target = QueuedNotification.Target.ALERT;
                cr = r.cr().displayId();
                level = r.level();
            }
            case Notification.AutoApproved r -> {
                target = QueuedNotification.Target.OVERSIGHT;
                cr = r.cr().displayId();
            }
            case Notification.VerificationDue r -> {
                target = QueuedNotification.Target.OVERSIGHT;
                cr = r.cr().displayId();
            }
            case Notification.EmergencyDeclared r -> {
                target = QueuedNotification.Target.OVERSIGHT;
                cr = r.cr().displayId();
            }
            case Notification.RetrospectiveReminder r -> {
                target = QueuedNotification.Target.OVERSIGHT;
                cr = r.cr().displayId();
            }
            case Notification.CapaOpened r -> {
                target = QueuedNotification.Target.OVERSIGHT;
                cr = r.capa().crId().toString();
            }
        }
        insert(n.getClass().getSimpleName(), target, request, cr, level, n.message());
    }

    private void insert(String kind, QueuedNotification.Target target, ApprovalRequestId request, String cr,
            AlertLevel level, RenderedMessage message) {
        db.inTransactionVoid(c -> {
            long seq = Rows.nextSeq(c, "change_notification");
            Rows.update(c, "INSERT INTO change_notification (seq, kind, target, approval_request_id, cr_ref, alert_level,"
                    + " body, html, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                        ps.setLong(1, seq);
                        ps.setString(2, kind);
                        ps.setString(3, target.name());
                        ps.setString(4, request == null ? null : request.value());
                        ps.setString(5, cr);
                        ps.setString(6, level == null ? null : level.name());
                        ps.setString(7, message.plain());
                        ps.setString(8, message.html());
                        ps.setString(9, clock.instant().toString());
                    });
        });
    }

    /** Notifications not yet turned into room messages, oldest first. */
    public List<QueuedNotification> pending() {
        return db.inTransaction(c -> Rows.list(c, "SELECT seq, kind, target, approval_request_id, cr_ref, alert_level, body,"
                + " html FROM change_notification WHERE dispatched_at IS NULL ORDER BY seq", ps -> { },
                JdbcNotificationQueue::row));
    }

    /** True when a notification waits; a cheap check for the bot's polling. */
    public boolean hasPending() {
        return db.inTransaction(c -> Rows.one(c, "SELECT seq FROM change_notification WHERE dispatched_at IS NULL",
                ps -> { }, rs -> rs.getLong(1)).isPresent());
    }

    public void markDispatched(long seq) {
        db.inTransactionVoid(c -> Rows.update(c, "UPDATE change_notification SET dispatched_at = ? WHERE seq = ?", ps -> {
            ps.setString(1, clock.instant().toString());
            ps.setLong(2, seq);
        }));
    }

    private static QueuedNotification row(ResultSet rs) throws SQLException {
        String request = rs.getString(4);
        String level = rs.getString(6);
        return new QueuedNotification(rs.getLong(1), rs.getString(2), QueuedNotification.Target.valueOf(rs.getString(3)),
                request == null ? null : new ApprovalRequestId(request), rs.getString(5),
                level == null ? null : AlertLevel.valueOf(level), new RenderedMessage(rs.getString(7), rs.getString(8)));
    }
}
