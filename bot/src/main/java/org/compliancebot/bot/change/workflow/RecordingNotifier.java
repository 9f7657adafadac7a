package org.compliancebot.bot.change.workflow;

import java.util.ArrayList;
import java.util.List;

/** A {@link Notifier} that keeps what it was given, for tests and the demo. */
public final class RecordingNotifier implements Notifier {
    private final List<Notification> sent = new ArrayList<>();

    @Override
    public synchronized void send(Notification notification) {
        sent.add(notification);
    }

    public synchronized List<Notification> sent() {
        return List.copyOf(sent);
    }

    /** The notifications of one kind, in order. */
    public synchronized <T extends Notification> List<T> sent(Class<T> kind) {
        return sent.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public synchronized void clear() {
        sent.clear();
    }
}
