package org.compliancebot.bot.change.matrix;

import org.compliancebot.bot.change.workflow.AlertLevel;
import org.compliancebot.bot.oversight.RenderedMessage;

/**
 * Where the change workflow raises watchdog alerts (an approval pending too long, an overdue
 * retrospective). Called inside the database transaction of the change that raised the alert;
 * implementations must queue durably in that transaction and must not block on the network.
 */
@FunctionalInterface
public interface AlertSink {
    /**
     * Raises an alert.
     *
     * @param key stable for this alert, so that raising it again (after a retried transaction) posts once
     */
    void raise(AlertLevel level, String key, RenderedMessage message);
}
