package org.compliancebot.bot.app.wiring;

import org.compliancebot.bot.change.ChangeRequestException;
import org.compliancebot.bot.change.matrix.NotificationDispatcher;
import org.compliancebot.bot.change.store.ChangeStore;
import org.compliancebot.bot.change.workflow.ChangeRequestService;

/**
 * Runs API work on the change workflow the way the chat commands do: in one database transaction (a
 * refusal leaves no trace), then dispatches the notifications it queued, so an approval request goes to
 * the oversight room at once rather than at the next timer tick.
 */
final class ChangeWork {
    private final ChangeStore store;
    private final NotificationDispatcher dispatcher;

    /** @param dispatcher null when nothing is posted (notifications then wait in their queue) */
    ChangeWork(ChangeStore store, NotificationDispatcher dispatcher) {
        this.store = store;
        this.dispatcher = dispatcher;
    }

    <T> T run(ChangeStore.Work<T> work) {
        T result;
        try {
            result = store.inTransaction(work);
        } catch (ChangeRequestException e) {
            throw ChangeApiAdapter.refusal(e);
        } catch (IllegalArgumentException e) {
            throw org.compliancebot.bot.http.service.ApiException.invalid(e.getMessage());
        }
        if (dispatcher != null) {
            dispatcher.dispatch();
        }
        return result;
    }

    ChangeStore store() {
        return store;
    }

    ChangeRequestService service() {
        return store.service();
    }
}
