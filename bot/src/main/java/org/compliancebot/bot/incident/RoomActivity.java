package org.compliancebot.bot.incident;

import java.time.Instant;
import java.util.Optional;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.UserId;

/**
 * What the events of an incident room mean for the incident: membership changes, the first human
 * message (the response-time measure), and 📌 reactions, which put the marked message on the
 * timeline. The cleartext of end-to-end encrypted events is kept for the transcript. Each event is
 * applied once, in the sync transaction.
 */
public final class RoomActivity {
    /** The pushpin; clients may add a variation selector, which is ignored. */
    public static final String PIN = "\uD83D\uDCCC";

    private final IncidentStore store;
    private final UserId bot;

    public RoomActivity(IncidentStore store, UserId bot) {
        this.store = store;
        this.bot = bot;
    }

    /** Applies one event of the room of {@code incident}. */
    public void apply(Incident incident, RoomEvent e) {
        Instant at = Instant.ofEpochMilli(e.originServerTs());
        if (e.wasEncrypted()) {
            store.recordCleartext(incident.id(), e.eventId(), new Cleartext(e.type(), e.content().toString(),
                    e.encryption().senderDevice().map(Object::toString).orElse(null)));
        }
        switch (e.type()) {
            case "m.room.member" -> {
                if (e.stateKey() != null && !e.stateKey().isEmpty()) {
                    Membership.parse(e.content().path("membership").asText(null)).ifPresent(m ->
                            store.recordMembership(incident.id(), UserId.of(e.stateKey()), m, at));
                }
            }
            case "m.room.message", "m.room.encrypted" -> message(incident, e, at);
            case "m.reaction" -> reaction(incident, e, at);
            default -> { }
        }
    }

    private void message(Incident incident, RoomEvent e, Instant at) {
        if (e.sender().equals(bot)) {
            return;
        }
        if ("m.room.message".equals(e.type()) && e.relType().filter("m.replace"::equals).isEmpty()) {
            store.recordMessage(incident.id(), e.eventId(), e.sender(), at, e.body());
        }
        if (incident.response() == null) {
            store.update(incident.withResponse(new Incident.Response(e.sender(), at, e.eventId())));
        }
    }

    private void reaction(Incident incident, RoomEvent e, Instant at) {
        if (incident.isClosing() || !"m.annotation".equals(e.relType().orElse(""))) {
            return;
        }
        String key = e.content().path("m.relates_to").path("key").asText("").replace("\uFE0F", "");
        Optional<EventId> target = e.relatesTo();
        if (!PIN.equals(key) || target.isEmpty()) {
            return;
        }
        String quoted = store.messageBody(incident.id(), target.get())
                .map(b -> b.length() > 300 ? b.substring(0, 300) + "\u2026" : b)
                .orElse("message " + target.get().value());
        store.addTimeline(incident.id(), TimelineEntry.Kind.PINNED, target.get(), e.sender(), at, quoted);
    }
}
