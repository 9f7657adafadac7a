package org.compliancebot.bridge.sync;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Applies a sync batch. The engine calls it inside a database transaction and commits the new sync
 * position in that same transaction only after this method returns. Write every effect through
 * {@code tx} (including messages to send, through the outbox) and the batch is applied exactly once:
 * if the process dies before the commit, neither the effects nor the new position are kept, and the
 * same events come again after restart.
 *
 * <p>Contract: must not commit or roll back {@code tx}. Throwing aborts the whole batch, which is then
 * retried; a consumer that cannot handle one event should log it and go on with the others.
 */
@FunctionalInterface
public interface SyncConsumer {
    void apply(SyncBatch batch, Connection tx) throws SQLException;
}
