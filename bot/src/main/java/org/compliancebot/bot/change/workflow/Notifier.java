package org.compliancebot.bot.change.workflow;

/**
 * Delivers {@link Notification}s. Called after the state change it reports has been saved.
 * Implementations must not throw: they queue (ideally in the same store, as an outbox) and deliver
 * later, retrying on their own.
 */
public interface Notifier {
    void send(Notification notification);
}
